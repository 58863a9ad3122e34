import { checkKinds } from '../../checks';
import { defaultExercisesDir } from '../package-info';
import { loadExercises } from '../spec/load';
import { missingTranslations } from '../spec/localize';
import { catalog, languages } from './catalog';
import { kindMessagesIt } from './kinds-it';

/** `{{name}}` placeholders of a template, sorted: a translation must fill the same ones. */
const placeholders = (template: string) => [...template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('every message in every language', () => {
  test('the tool’s catalogue: each id in each language, not empty, with the same placeholders', () => {
    const ids = new Set(languages.flatMap((l) => Object.keys(catalog[l])));
    const problems: string[] = [];
    for (const id of ids) {
      for (const lang of languages) {
        const text = (catalog[lang] as Record<string, string | undefined>)[id];
        if (!text?.trim()) problems.push(`${id}: no ${lang}`);
        else if (placeholders(text).join() !== placeholders((catalog.en as Record<string, string>)[id] ?? '').join())
          problems.push(`${id}: ${lang} placeholders differ`);
      }
    }
    expect(problems).toEqual([]);
  });

  test('check kinds: each message id has its Italian, with the same placeholders, and nothing translated that no kind has', () => {
    const problems: string[] = [];
    for (const [name, kind] of Object.entries(checkKinds)) {
      for (const [id, en] of Object.entries(kind.meta.messages as Record<string, string>)) {
        const it = kindMessagesIt[name]?.[id];
        if (!it?.trim()) problems.push(`${name}.${id}: no it`);
        else if (placeholders(it).join() !== placeholders(en).join())
          problems.push(`${name}.${id}: it placeholders ${placeholders(it)} ≠ en ${placeholders(en)}`);
      }
    }
    for (const [name, ids] of Object.entries(kindMessagesIt)) {
      for (const id of Object.keys(ids)) if (!(id in (checkKinds[name]?.meta.messages ?? {}))) problems.push(`${name}.${id}: translated, but no such message`);
    }
    expect(problems).toEqual([]);
  });

  test('the shipped exercises carry Italian titles and hints next to the English ones', () => {
    const missing = loadExercises(defaultExercisesDir).flatMap((e) => missingTranslations(e).map((p) => `${e.id}: ${p}`));
    expect(missing).toEqual([]);
  });
});
