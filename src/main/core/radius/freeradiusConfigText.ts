// Text helpers of the FreeRADIUS configuration generator: value quoting and the header every file starts with.
/** Whether `value` holds a character below space or DEL, which no configuration line can carry. */
export function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** `value` as a single-quoted FreeRADIUS string: neither ${…} nor %{…} is expanded in it. Refuses control characters. */
export function quoted(value: string): string {
  if (hasControlCharacter(value)) throw new Error('a FreeRADIUS configuration value cannot hold control characters (newline, tab, …)');
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The comment on top of each generated file. */
export function header(generatedAt: Date, what: string): string {
  return `# ${what}\n# Written by \`nocman radius-config\` on ${generatedAt.toISOString()}; it holds secrets (mode 0600).\n`;
}
