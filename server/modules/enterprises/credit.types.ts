/** Credit grades, shared by the rules and the contract. */
export type Grade = 'A' | 'B' | 'C' | 'D';
