import type { MessageId } from '../messages/catalog';
import type { ParsedInstruction } from './dockerfile';

/** Best-practice advice from the slides: each rule says where the course explains it. */
export interface PracticeRule {
  id: string;
  slide: string;
  /** The advice, as an id of the message catalogue (English and Italian there). */
  advice: MessageId;
  /** Line numbers where the rule is broken. */
  find(instructions: ParsedInstruction[]): number[];
}

const APT_INSTALL = /\bapt(-get)?\s+(\S+\s+)*install\b/;
const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY)/i;
const SERVERS = { web: /\b(apache2|nginx|httpd|lighttpd)\b/, database: /\b(mysql-server|mariadb-server|postgresql|mongodb|redis-server)\b/ };

export const PRACTICE_RULES: PracticeRule[] = [
  {
    id: 'chain-run',
    slide: 'Reduce Layers',
    advice: 'part.practice.chainRun',
    find: (ins) => ins.filter((i, k) => i.keyword === 'RUN' && ins[k - 1]?.keyword === 'RUN').map((i) => i.line),
  },
  {
    id: 'apt-lists',
    slide: 'Some best practices for writing containers',
    advice: 'part.practice.aptLists',
    find: (ins) => ins.filter((i) => i.keyword === 'RUN' && APT_INSTALL.test(i.args) && !/\/var\/lib\/apt\/lists/.test(i.args)).map((i) => i.line),
  },
  {
    id: 'pinned-base',
    slide: 'Some best practices for writing containers',
    advice: 'part.practice.pinnedBase',
    find: (ins) =>
      ins
        .filter((i) => i.keyword === 'FROM')
        .filter((i) => {
          const image = i.args.split(/\s+/).find((w) => !w.startsWith('--')) ?? '';
          if (image === 'scratch' || image.includes('@sha256:')) return false;
          const tag = image.lastIndexOf(':') > image.lastIndexOf('/') ? image.slice(image.lastIndexOf(':') + 1) : '';
          return !tag || tag === 'latest';
        })
        .map((i) => i.line),
  },
  {
    id: 'no-secrets',
    slide: 'A few words on Docker security (1)',
    advice: 'part.practice.noSecrets',
    find: (ins) =>
      ins
        .filter(
          (i) =>
            ((i.keyword === 'ENV' || i.keyword === 'ARG') && i.args.split(/[\s=]/).some((w) => SECRET_NAME.test(w)) && /=\S|\s\S+\s+\S/.test(i.args)) ||
            ((i.keyword === 'COPY' || i.keyword === 'ADD') && /(id_rsa|id_ed25519|\.pem\b|\.key\b|(^|\s)\.env\b)/.test(i.args)),
        )
        .map((i) => i.line),
  },
  {
    id: 'one-app',
    slide: 'Some best practices for writing containers',
    advice: 'part.practice.oneApp',
    find: (ins) => {
      const runs = ins.filter((i) => i.keyword === 'RUN' && APT_INSTALL.test(i.args));
      const web = runs.find((i) => SERVERS.web.test(i.args));
      const db = runs.find((i) => SERVERS.database.test(i.args));
      return web && db ? [db.line] : [];
    },
  },
  {
    id: 'cmd-not-run',
    slide: 'Some best practices for writing containers',
    advice: 'part.practice.cmdNotRun',
    find: (ins) => ins.filter((i) => i.keyword === 'RUN' && /\b(apachectl\s+-D\s+FOREGROUND|service\s+\S+\s+start|nginx\s+-g)/.test(i.args)).map((i) => i.line),
  },
];
