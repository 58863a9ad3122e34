import { checksWords } from '../../checks/words/checks.words';
import { batchWords } from '../batch/words/batch.words';
import { classReportWords } from '../batch/words/class-report.words';
import { boardWords } from '../board/words/board.words';
import { checkWords } from '../check/words/check.words';
import { batchCommandWords } from '../cli/words/batch-command.words';
import { boardCommandWords } from '../cli/words/board-command.words';
import { cliWords } from '../cli/words/cli.words';
import { batchHelpWords } from '../cli/commands/words/batch.words';
import { boardHelpWords } from '../cli/commands/words/board.words';
import { completionHelpWords } from '../cli/commands/words/completion.words';
import { examplesHelpWords } from '../cli/commands/words/examples.words';
import { gradeHelpWords } from '../cli/commands/words/grade.words';
import { initHelpWords } from '../cli/commands/words/init.words';
import { listHelpWords } from '../cli/commands/words/list.words';
import { repoHelpWords } from '../cli/commands/words/repo.words';
import { reportHelpWords } from '../cli/commands/words/report.words';
import { validateHelpWords } from '../cli/commands/words/validate.words';
import { helpWords } from '../cli/words/help.words';
import { initCommandWords } from '../cli/words/init-command.words';
import { listCommandWords } from '../cli/words/list-command.words';
import { repoCommandWords } from '../cli/words/repo-command.words';
import { examplesWords } from '../cli/words/examples.words';
import { validateCommandWords } from '../cli/words/validate-command.words';
import { configWords } from '../config/words/config.words';
import { dockerWords } from '../docker/words/docker.words';
import { exerciseWords } from '../exercise/words/exercise.words';
import { repoTargetWords } from '../grading-target/repo/words/repo-target.words';
import { sshTargetWords } from '../grading-target/ssh/words/ssh-target.words';
import { historyWords } from '../history/words/history.words';
import { registryWords } from '../registry/words/registry.words';
import { repoWords } from '../repo/words/repo.words';
import { reportWords } from '../report/words/report.words';
import { runnerWords } from '../runner/words/runner.words';
import { sshWords } from '../ssh/words/ssh.words';

/**
 * Every sentence the tool itself shows (reports, terminal, advice), by id, in
 * each language, gathered from the areas that say them: each area keeps its
 * words beside its code in a *.words.ts file that imports nothing. Check kinds
 * keep their messages in their own files (meta.messages, meta.messagesIt).
 * {{name}} is replaced by data.name.
 *
 * The Italian is written for students: plain words, the course's own terms
 * (immagine, container, volume), docker commands left as they are typed.
 */
export const languages = ['en', 'it'] as const;
export type Lang = (typeof languages)[number];

/** Every area's words; an id belongs to one area only (src/messages/parity.test.ts). */
export const areas = [
  checksWords,
  batchWords,
  classReportWords,
  boardWords,
  checkWords,
  batchCommandWords,
  boardCommandWords,
  cliWords,
  batchHelpWords,
  boardHelpWords,
  completionHelpWords,
  examplesHelpWords,
  gradeHelpWords,
  initHelpWords,
  listHelpWords,
  repoHelpWords,
  reportHelpWords,
  validateHelpWords,
  helpWords,
  initCommandWords,
  listCommandWords,
  repoCommandWords,
  examplesWords,
  validateCommandWords,
  configWords,
  dockerWords,
  exerciseWords,
  repoTargetWords,
  sshTargetWords,
  historyWords,
  registryWords,
  repoWords,
  reportWords,
  runnerWords,
  sshWords,
] as const;

type IdsOf<Area> = Area extends { en: infer Words } ? keyof Words : never;

export type MessageId = IdsOf<(typeof areas)[number]>;

/**
 * A piece of a message that a kind builds in code (where it looked, a list of
 * problems): an id of the tool's catalogue and its values, so the piece is
 * rendered in the run's language like the sentence around it. Values the
 * student controls (names, command output) stay plain strings.
 */
export interface Phrase {
  phrase: MessageId;
  data?: MessageData;
}

/** Several values shown one after the other, e.g. problems joined by "; ". */
export interface PhraseList {
  items: readonly MessageValue[];
  separator: string;
}

export type MessageValue = string | number | undefined | Phrase | PhraseList;
export type MessageData = Record<string, MessageValue>;

const gathered = (lang: Lang) => Object.assign({}, ...areas.map((area) => area[lang])) as Record<MessageId, string>;
const en = gathered('en');
const it = gathered('it');

export const catalog: Readonly<Record<Lang, Readonly<Record<MessageId, string>>>> = { en, it };

export function isLang(value: string): value is Lang {
  return (languages as readonly string[]).includes(value);
}

/** The message `id` in `lang`, with `{{name}}` filled from data (phrases rendered in the same language). */
export function message(lang: Lang, id: MessageId, data?: MessageData): string {
  return renderMessage(lang, catalog[lang][id], data);
}

/** A template with `{{name}}` replaced by data.name; a placeholder without a value stays as it is. */
export function renderMessage(lang: Lang, template: string, data: MessageData = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (data[key] !== undefined ? renderValue(lang, data[key]) : whole));
}

/** One message value as text in `lang`: a phrase is looked up in the catalogue, a list joined. */
export function renderValue(lang: Lang, value: MessageValue): string {
  if (value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if ('phrase' in value) return message(lang, value.phrase, value.data);
  return value.items
    .filter((item) => item !== undefined)
    .map((item) => renderValue(lang, item))
    .join(value.separator);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A phrase of this catalogue, not any object that happens to have a `phrase` key (evidence carries the engine's JSON). */
function isCatalogPhrase(v: unknown): v is Phrase {
  return isRecord(v) && typeof v.phrase === 'string' && v.phrase in en && Object.keys(v).every((k) => k === 'phrase' || k === 'data');
}

/**
 * Evidence with every phrase of the catalogue in it rendered in `lang` ("no such container", "at least one entry"):
 * the words grade writes are in the run's language; what the engine or the student wrote stays as it came.
 */
export function localizeEvidence<T>(value: T, lang: Lang): T {
  if (isCatalogPhrase(value)) return renderValue(lang, value) as T;
  if (isRecord(value) && Array.isArray(value.items) && typeof value.separator === 'string' && Object.keys(value).length === 2)
    return value.items.map((item) => localizeEvidence(item, lang)).join(value.separator) as T;
  if (Array.isArray(value)) return value.map((v) => localizeEvidence(v, lang)) as T;
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, localizeEvidence(v, lang)])) as T;
  return value;
}

/** A function bound to one language, as templates and reporters use it. */
export type Translate = (id: MessageId, data?: MessageData) => string;

export function translator(lang: Lang): Translate {
  return (id, data) => message(lang, id, data);
}
