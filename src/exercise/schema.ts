import type { SchemaObject } from 'ajv';
import type { CheckKind } from '../check/kind';

const ID = '^[a-z][a-z0-9_]*$';

/**
 * The exercise schema is assembled from the kinds: `params` of a check is
 * validated against the schema of its `kind`, so a wrong parameter fails at
 * load time with its file, line and path.
 */
export function buildExerciseSchema(kinds: Record<string, CheckKind<unknown, string>>): SchemaObject {
  const names = Object.keys(kinds);
  return {
    $id: 'https://grade.invalid/exercise.schema.json',
    type: 'object',
    required: ['id', 'title', 'slides', 'checks'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', pattern: ID, description: 'Fixed id, used on the command line: grade <id>.' },
      title: { type: 'string', minLength: 1 },
      // Italian beside English; a missing translation is a warning of grade validate, not an error.
      title_it: { type: 'string', minLength: 1 },
      description: { type: 'string' },
      description_it: { type: 'string', minLength: 1 },
      order: { type: 'integer', minimum: 0, description: 'Position in the course; exercises are listed and graded in this order.' },
      slides: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
      variables: {
        type: 'object',
        propertyNames: { pattern: ID },
        additionalProperties: {
          type: 'object',
          required: ['description'],
          additionalProperties: false,
          properties: { description: { type: 'string', minLength: 1 }, example: { type: 'string' } },
        },
      },
      repo: {
        type: 'object',
        required: ['requires'],
        additionalProperties: false,
        // Running needs an image: the one built from the repository.
        dependencies: { run: ['build'] },
        properties: {
          requires: {
            type: 'array',
            minItems: 1,
            items: {
              oneOf: [
                { type: 'string', minLength: 1 },
                { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
              ],
            },
          },
          build: {
            type: 'object',
            required: ['dockerfile', 'image'],
            additionalProperties: false,
            properties: { dockerfile: { type: 'string', minLength: 1 }, image: { type: 'string', pattern: '^[a-z0-9][a-z0-9._/-]*$' } },
          },
          run: {
            type: 'object',
            required: ['ports'],
            additionalProperties: false,
            properties: {
              ports: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['host', 'container'],
                  additionalProperties: false,
                  properties: { host: { type: 'integer', minimum: 1, maximum: 65535 }, container: { type: 'integer', minimum: 1, maximum: 65535 } },
                },
              },
              startupSeconds: { type: 'integer', minimum: 1, maximum: 600 },
            },
          },
          compose: {
            type: 'object',
            required: ['files'],
            additionalProperties: false,
            properties: {
              files: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
              healthySeconds: { type: 'integer', minimum: 1, maximum: 600 },
            },
          },
        },
      },
      examples: {
        type: 'array',
        description: 'States made by the commands a student would type, with the verdict a correct grader gives (grade test).',
        items: {
          type: 'object',
          required: ['name', 'setup', 'expect'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1 },
            setup: {
              type: 'string',
              minLength: 1,
              description: 'Lines typed at a terminal, one command a line (lines after docker run -it go to the container).',
            },
            files: {
              type: 'object',
              description: 'Files written into the folder setup runs in: inline text, or { from: path next to the spec }.',
              // Relative and inside the folder: no leading /, no .. segment.
              propertyNames: { pattern: '^(?!/)(?!(.*/)?\\.\\.(/|$)).+$' },
              additionalProperties: {
                oneOf: [
                  { type: 'string' },
                  { type: 'object', required: ['from'], additionalProperties: false, properties: { from: { type: 'string', minLength: 1 } } },
                ],
              },
            },
            vars: { type: 'object', propertyNames: { pattern: ID }, additionalProperties: { type: 'string' } },
            timeoutSeconds: { type: 'integer', minimum: 1, maximum: 3600 },
            expect: {
              oneOf: [
                { const: 'full' },
                {
                  type: 'object',
                  required: ['fail'],
                  additionalProperties: false,
                  properties: {
                    fail: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', pattern: ID } },
                    messages: { type: 'object', propertyNames: { pattern: ID }, additionalProperties: { type: 'string', minLength: 1 } },
                  },
                },
              ],
            },
          },
        },
      },
      checks: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['id', 'title', 'kind', 'points', 'params'],
          additionalProperties: false,
          properties: {
            id: { type: 'string', pattern: ID },
            title: { type: 'string', minLength: 1 },
            title_it: { type: 'string', minLength: 1 },
            kind: { type: 'string', enum: names },
            points: { type: 'integer', minimum: 0 },
            bonus: { type: 'boolean' },
            hint: { type: 'string', minLength: 1 },
            hint_it: { type: 'string', minLength: 1 },
            hint_command: { type: 'string', minLength: 1, pattern: '^[^\\n]+$' },
            slide: { type: 'string', minLength: 1 },
            warning: { type: 'string', minLength: 1 },
            warning_it: { type: 'string', minLength: 1 },
            needs: { type: 'array', uniqueItems: true, items: { type: 'string', pattern: ID } },
            timeoutMs: { type: 'integer', minimum: 100, maximum: 600_000 },
            modes: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: ['host', 'repo'] } },
            params: { type: 'object' },
          },
          dependencies: { title_it: ['title'], hint_it: ['hint'], hint_command: ['hint'], warning_it: ['warning'] },
          allOf: names.map((name) => ({
            if: { properties: { kind: { const: name } }, required: ['kind'] },
            then: { properties: { params: kinds[name]!.meta.params } },
          })),
        },
      },
    },
  };
}
