import type { JSONSchemaType } from 'ajv';
import type { CheckResult, ExerciseResult, GradeResult, Score, StudentInfo } from './types';

const score: JSONSchemaType<Score> = {
  type: 'object',
  properties: { points: { type: 'number', minimum: 0 }, max: { type: 'number', minimum: 0 } },
  required: ['points', 'max'],
  additionalProperties: false,
};

const check: JSONSchemaType<CheckResult> = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    kind: { type: 'string' },
    status: { type: 'string', enum: ['pass', 'fail', 'skip', 'error'] },
    points: { type: 'number', minimum: 0 },
    maxPoints: { type: 'number', minimum: 0 },
    bonus: { type: 'boolean', nullable: true },
    message: { type: 'string' },
    messageId: { type: 'string', nullable: true },
    hint: { type: 'string', nullable: true },
    hintCommand: { type: 'string', nullable: true },
    slide: { type: 'string', nullable: true },
    warning: { type: 'string', nullable: true },
    evidence: {
      type: 'object',
      nullable: true,
      properties: {
        // Whatever the check saw: any JSON value.
        expected: { $ref: '#/definitions/anyValue' },
        actual: { $ref: '#/definitions/anyValue' },
        command: { type: 'string', nullable: true },
      },
      required: [],
      additionalProperties: false,
    },
    durationMs: { type: 'number', minimum: 0 },
  },
  required: ['id', 'title', 'kind', 'status', 'points', 'maxPoints', 'message', 'durationMs'],
  additionalProperties: false,
};

const exercise: JSONSchemaType<ExerciseResult> = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    slides: { type: 'array', items: { type: 'string' } },
    score,
    checks: { type: 'array', items: check },
  },
  required: ['id', 'title', 'slides', 'score', 'checks'],
  additionalProperties: false,
};

/**
 * Who was graded. `grade init` writes the same record to the user's config
 * (src/config/user-config.ts), and a run copies it into its result: one schema
 * for both, so the config accepts exactly what a result may carry.
 */
export const studentSchema: JSONSchemaType<StudentInfo | undefined> & { nullable: true } = {
  type: 'object',
  nullable: true,
  properties: { id: { type: 'string', nullable: true }, name: { type: 'string', nullable: true } },
  required: [],
  additionalProperties: false,
};

/** JSON Schema of `grade --json` output. `schemas/grade-result.schema.json` is written from this (npm run schemas). */
export const gradeResultSchema: JSONSchemaType<GradeResult> = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://grade.invalid/grade-result.schema.json',
  title: 'GradeResult',
  definitions: { anyValue: {} as JSONSchemaType<Record<string, never>> },
  type: 'object',
  properties: {
    schemaVersion: { type: 'integer', const: 1 },
    grader: {
      type: 'object',
      properties: { name: { type: 'string' }, version: { type: 'string' } },
      required: ['name', 'version'],
      additionalProperties: false,
    },
    target: {
      type: 'object',
      properties: {
        kind: { type: 'string', enum: ['local', 'ssh', 'repo'] },
        endpoint: { type: 'string' },
        dockerVersion: { type: 'string' },
      },
      required: ['kind', 'endpoint', 'dockerVersion'],
      additionalProperties: false,
    },
    student: studentSchema,
    startedAt: { type: 'string', format: 'date-time' },
    durationMs: { type: 'number', minimum: 0 },
    score,
    exercises: { type: 'array', items: exercise },
    notGraded: {
      type: 'array',
      nullable: true,
      items: {
        type: 'object',
        properties: { id: { type: 'string' }, title: { type: 'string' }, reason: { type: 'string' } },
        required: ['id', 'title', 'reason'],
        additionalProperties: false,
      },
    },
    lang: { type: 'string', nullable: true, enum: ['en', 'it'] },
  },
  required: ['schemaVersion', 'grader', 'target', 'startedAt', 'durationMs', 'score', 'exercises'],
  additionalProperties: false,
};
