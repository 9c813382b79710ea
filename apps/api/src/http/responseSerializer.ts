import fastJsonStringify from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { type ZodType, z } from 'zod';

type Stringify = (data: unknown) => string;

/** The zod schema of a route's response as fastify hands it over (the schema, or `{ properties: schema }`). */
function zodSchemaOf(schema: unknown): ZodType {
  if (schema instanceof z.ZodType) return schema;
  const properties = (schema as { properties?: unknown } | null)?.properties;
  if (properties instanceof z.ZodType) return properties;
  throw new Error(`a response schema must be a zod schema: ${JSON.stringify(schema)}`);
}

/**
 * fast-json-stringify (fastify's own serializer) compiled from the JSON Schema zod gives for the
 * response schema: only the listed fields are written, in the schema's order, as zod's parse-then-
 * `JSON.stringify` did, at a fraction of the cost. A missing required field still fails the
 * request (500). Compiled on first use and shared between routes (every error answer has the same
 * schema), so start-up does not pay for routes nobody calls.
 */
function compiled(cache: WeakMap<ZodType, Stringify>, schema: ZodType): Stringify {
  let stringify = cache.get(schema);
  if (!stringify) {
    const json = z.toJSONSchema(schema, {
      io: 'output',
      target: 'draft-07',
      unrepresentable: 'any',
      // Inline everything: ids registered for the OpenAPI document would become $refs fast-json-stringify cannot see.
      metadata: z.registry(),
      reused: 'inline',
    });
    stringify = fastJsonStringify(json as Parameters<typeof fastJsonStringify>[0]) as Stringify;
    cache.set(schema, stringify);
  }
  return stringify;
}

export interface ResponseSerializerOptions {
  /**
   * Also parse every answer with its zod schema first and fail the request (500,
   * ResponseSerializationError) when it does not fit: wrong types, unknown enum values. The
   * handlers' return types are already checked against the schemas at compile time, so production
   * skips it; the API's tests turn it on, so every answer they see is checked.
   */
  readonly checkResponses: boolean;
}

/** The response serializer compiler of the app (replaces fastify-type-provider-zod's parse-then-stringify). */
export function responseSerializerCompiler(options: ResponseSerializerOptions): FastifySerializerCompiler<unknown> {
  const cache = new WeakMap<ZodType, Stringify>();
  return ({ schema, method, url }) => {
    const zodSchema = zodSchemaOf(schema);
    let stringify: Stringify | null = null;
    const write = (data: unknown): string => {
      stringify ??= compiled(cache, zodSchema);
      return stringify(data);
    };
    if (!options.checkResponses) return write;
    return (data) => {
      const result = zodSchema.safeParse(data);
      if (!result.success) throw new ResponseSerializationError(method, url, { cause: result.error });
      return write(data);
    };
  };
}
