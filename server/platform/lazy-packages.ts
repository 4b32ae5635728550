/**
 * Packages that only some requests need, loaded the first time one of them is used instead of at
 * start-up (issue 12: start-up CPU). All ship CommonJS, so they are loaded synchronously through
 * `require` and the functions that use them keep their synchronous signatures; Node caches the module.
 */
import { createRequire } from 'node:module';
import type Docxtemplater from 'docxtemplater';
import type PizZip from 'pizzip';

const require = createRequire(import.meta.url);

/** node-html-parser: annual-report HTML reading, rich-text plain text, the self-check crawler. */
export const htmlParser = () => require('node-html-parser') as typeof import('node-html-parser');

/** docxtemplater and pizzip: agencies' Word layouts of letters and proposal replies. */
export const wordTemplateLibraries = () => ({
  Docxtemplater: require('docxtemplater') as typeof Docxtemplater,
  PizZip: require('pizzip') as typeof PizZip,
});

/** nodemailer: the SMTP transport. */
export const nodemailerLibrary = () => require('nodemailer') as typeof import('nodemailer');

/** smpp: the SMS gateway session and its status codes. */
export const smppLibrary = () => require('smpp') as typeof import('smpp');
