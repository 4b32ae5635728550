import { createRequire } from 'node:module';
import type { FastifySchemaCompiler } from 'fastify';
import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import type { TSchema } from 'typebox';

/**
 * Route schemas compiled on first use instead of at start-up. Compiling the validators and response
 * serializers of ~400 operations took about half of the server's start-up CPU (docs/performance.md,
 * "Start-up"); most routes are never called in a given process' first minutes. `eager` (tests,
 * scripts/openapi.ts) compiles everything at `ready()` so a broken schema still fails a test.
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

export function validatorCompiler(mode: SchemaCompilation): FastifySchemaCompiler<TSchema> {
  if (mode === 'eager') return TypeBoxValidatorCompiler;
  return (route) => {
    let compiled: ReturnType<typeof TypeBoxValidatorCompiler> | undefined;
    return (data) => (compiled ??= TypeBoxValidatorCompiler(route))(data);
  };
}

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
