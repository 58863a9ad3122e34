// XML 1.0 §2.2 Char. With the `u` flag a lone surrogate is one code point outside
// these ranges, so it is removed too, as are U+FFFE/U+FFFF and C0 controls.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const REFERENCES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // A raw CR is turned into LF by every parser (end-of-line handling); a reference survives.
  '\r': '&#13;',
  // Attribute-value normalisation turns raw tab and LF into spaces; references survive.
  '\t': '&#9;',
  '\n': '&#10;',
};

/**
 * The only place XML text is escaped. Everything from the student's host goes
 * through here, so the document stays well-formed whatever it holds: `]]>`
 * becomes `]]&gt;`, and characters XML cannot carry at all are dropped.
 */
export function escapeXml(value: string | number, where: 'text' | 'attribute' = 'text'): string {
  const special = where === 'attribute' ? /[&<>"'\r\t\n]/g : /[&<>"'\r]/g;
  return String(value)
    .replace(NOT_XML_CHAR, '')
    .replace(special, (c) => REFERENCES[c]!);
}
