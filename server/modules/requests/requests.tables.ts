/** Tables of the requests module (Kysely row types). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RequestsTables {}
