/**
 * Public portal pages of 互动交流 (/hudong…): the writing form (no JavaScript needed; captcha with a
 * text alternative; input kept on error), the tracking and rating page, published letters (search,
 * kind and month filters), consultations and statistics. Everything user-supplied is rendered as
 * text (preact escapes it); the only raw markup is the server-made chart SVG and search highlights
 * that the search index escaped itself.
 */
export { type FormValues } from './portal.parts.js';
export { HudongHome, TrackPage, WriteDonePage, WritePage } from './portal.write.js';
export { ConsultationPage, ConsultationsPage, LetterPage, LettersPage, StatsPage } from './portal.public.js';
