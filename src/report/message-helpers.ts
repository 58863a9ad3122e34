import type Handlebars from 'handlebars';
import { translator, type Lang, type MessageId } from '../messages/catalog';
import { localTime } from './local-time';

/** What a template's root view carries for these helpers: the rendering's language and zone. */
export interface LocalizedView {
  lang: Lang;
  timeZone?: string;
}

const rootOf = (options: Handlebars.HelperOptions) => (options.data as { root: LocalizedView }).root;

/**
 * `{{t "id" name=value}}`: a catalogue message in the view's language;
 * `{{time iso}}`: a local time with its zone. Their output is escaped like any
 * `{{value}}`, since messages may carry slide titles, hints or host names.
 */
export function registerMessageHelpers(hb: typeof Handlebars): void {
  hb.registerHelper('t', (id: MessageId, options: Handlebars.HelperOptions) => translator(rootOf(options).lang)(id, options.hash as Record<string, string>));
  hb.registerHelper('time', (iso: string, options: Handlebars.HelperOptions) => localTime(iso, rootOf(options).lang, rootOf(options).timeZone));
}
