import { createRequire } from 'node:module';
import type { FastifySchemaCompiler, preValidationHookHandler } from 'fastify';
import type { TypeBoxValidatorCompiler as Compiler } from '@fastify/type-provider-typebox';
import type { TSchema } from 'typebox';

/**
 * Route schemas compiled on first use instead of at start-up. Compiling the validators and response
 * serializers of ~400 operations took about half of the server's start-up CPU (docs/performance.md,
 * "Start-up"); most routes are never called in a given process' first minutes. `eager` (tests,
 * scripts/openapi.ts) compiles everything at `ready()` so a broken schema still fails a test.
 *
 * The validator compiler itself (@fastify/type-provider-typebox with TypeBox's compile, value and
 * format modules, ~380 files) is loaded on first use too (issue 12): `lazy` routes that validate a
 * request wait for it in a preValidation hook (`validatorReady`), and the web process starts loading
 * it as soon as it listens (`loadValidatorCompiler`), so the first real request rarely waits.
 */
export type SchemaCompilation = 'lazy' | 'eager';

const require = createRequire(import.meta.url);
type SerializerFactory = (
  externalSchemas: unknown,
  options: unknown,
) => (route: { schema: unknown }) => (data: unknown) => string;
/** Fastify's own serializer factory (fast-json-stringify with the shared schemas). */
const { SerializerSelector } = require('@fastify/fast-json-stringify-compiler') as {
  SerializerSelector: () => SerializerFactory;
};

let compiler: typeof Compiler | undefined;
let loading: Promise<typeof Compiler> | undefined;

/** Loads the TypeBox validator compiler once (ESM only, so asynchronously). */
export function loadValidatorCompiler(): Promise<typeof Compiler> {
  return (loading ??= import('@fastify/type-provider-typebox').then(
    (m) => (compiler = m.TypeBoxValidatorCompiler),
  ));
}

function loadedCompiler(): typeof Compiler {
  if (!compiler) throw new Error('the validator compiler is used before it was loaded');
  return compiler;
}

/** `eager` needs `loadValidatorCompiler()` awaited before `ready()`; `lazy` before a route validates. */
export function validatorCompiler(mode: SchemaCompilation): FastifySchemaCompiler<TSchema> {
  if (mode === 'eager') return (route) => loadedCompiler()(route);
  return (route) => {
    let compiled: ReturnType<typeof Compiler> | undefined;
    return (data) => (compiled ??= loadedCompiler()(route))(data);
  };
}

/** Whether Fastify validates part of a request against this route schema. */
export function validatesRequest(schema: unknown): boolean {
  if (!schema || typeof schema !== 'object') return false;
  const s = schema as Record<string, unknown>;
  return Boolean(s.body ?? s.querystring ?? s.query ?? s.params ?? s.headers);
}

/** preValidation hook of `lazy` routes that validate: waits for the compiler the first time only. */
export const validatorReady: preValidationHookHandler = (_req, _reply, done) => {
  if (compiler) return done();
  loadValidatorCompiler().then(
    () => done(),
    (err: Error) => done(err),
  );
};

/** For Fastify's `schemaController.compilersFactory.buildSerializer`. */
export function serializerFactory(mode: SchemaCompilation): SerializerFactory {
  const build = SerializerSelector();
  if (mode === 'eager') return build;
  return (externalSchemas, options) => {
    const compile = build(externalSchemas, options);
    return (route) => {
      let compiled: ((data: unknown) => string) | undefined;
      return (data) => (compiled ??= compile(route))(data);
    };
  };
}
