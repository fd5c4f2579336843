// The two SQL dialects of a site database (SQLite by default, PostgreSQL with NOCMAN_DATABASE_URL) and the one place
// where NOCman's SQLite-flavoured SQL text becomes PostgreSQL's.
//
// Why one translator instead of two copies of every query: the services keep writing one SQL text with `?`
// placeholders (what SQLite runs as is), and the PostgreSQL query runner rewrites it here, mechanically, before it
// reaches the server. The schema keeps SQLite's column types (ISO timestamp TEXT, integer Rupiah, 0/1 integers for
// booleans, epoch-second integers in samples) so comparisons, sums and sorting mean the same on both engines.
// Only what truly differs in meaning (PRAGMA, json_each, julianday/strftime, json_extract) is an explicit branch in
// the calling code, through `db.dialect` and the helpers at the bottom of this file.
//
// What the translator does, outside quoted strings:
// - `?` → `$1…$n` (and `?NNN` → `$NNN`);
// - `INSERT OR IGNORE` → `INSERT … ON CONFLICT DO NOTHING`; `INSERT OR REPLACE` → `ON CONFLICT (key) DO UPDATE`
//   for the tables listed in REPLACE_KEYS (the conflict target must be named on PostgreSQL);
// - in `ON CONFLICT … DO UPDATE SET a = a + excluded.a` the right-hand `a` is qualified with the table (PostgreSQL
//   finds an unqualified column there ambiguous between the row and EXCLUDED);
// - `LIKE` → `ILIKE`: SQLite's LIKE ignores ASCII case, PostgreSQL's does not;
// - `x COLLATE NOCASE` → `(x::citext)`, and `TEXT … COLLATE NOCASE` columns become CITEXT (the citext extension,
//   created by the first migration): equality, uniqueness, LIKE and ordering ignore case as with SQLite's NOCASE;
// - `group_concat(x)` → `string_agg(CAST(x AS TEXT), ',')`;
// - camelCase identifiers (the aliases `AS customerId`) are double-quoted, since PostgreSQL folds bare names to lower case;
// - DDL: `INTEGER PRIMARY KEY AUTOINCREMENT` → identity, INTEGER → BIGINT (bytes and money sums pass 2^31),
//   REAL → DOUBLE PRECISION, BOOLEAN → SMALLINT (0/1 as on SQLite), `WITHOUT ROWID` dropped.
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

export type Dialect = 'sqlite' | 'postgres';

/** The dialect of the connection behind a data source, manager or query runner. */
export function dialectOf(source: DataSource | EntityManager | QueryRunner): Dialect {
  const type = ('manager' in source && !('connection' in source) ? source : source.connection).options.type;
  return type === 'postgres' ? 'postgres' : 'sqlite';
}

/** Marks the query runner of a PostgreSQL write transaction (savepoints are only valid inside one). */
export const IN_TRANSACTION = Symbol('nocman.inTransaction');

/** Whether `em` runs inside a write transaction of the PostgreSQL Database. */
export function inTransaction(em: EntityManager): boolean {
  return !!(em.queryRunner as unknown as Record<symbol, boolean> | undefined)?.[IN_TRANSACTION];
}

/** Tables written with `INSERT OR REPLACE`: their primary key is the conflict target on PostgreSQL. */
const REPLACE_KEYS: Record<string, string[]> = {
  sample: ['device_id', 'at'],
  sample_5m: ['device_id', 'at'],
  sample_1h: ['device_id', 'at'],
  device_state: ['device_id', 'at'],
  bw_sample: ['device_id', 'if_index', 'at'],
  bw_5m: ['device_id', 'if_index', 'at'],
  bw_1h: ['device_id', 'if_index', 'at'],
  bw_1d: ['device_id', 'if_index', 'at'],
};

const STRING = /'(?:[^']|'')*'/g;
const MASK = '\u0000';

function unquote(name: string): string {
  return name.replace(/^"|"$/g, '');
}

/** Splits at commas outside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Index of a top-level ` RETURNING ` (outside parentheses), or -1. */
function topLevelReturning(sql: string): number {
  const re = /\bRETURNING\b/gi;
  for (let match = re.exec(sql); match; match = re.exec(sql)) {
    const before = sql.slice(0, match.index);
    const depth = (before.match(/\(/g)?.length ?? 0) - (before.match(/\)/g)?.length ?? 0);
    if (depth === 0) return match.index;
  }
  return -1;
}

/** Appends `clause` before a top-level RETURNING, or at the end. */
function appendClause(sql: string, clause: string): string {
  const trimmed = sql.replace(/[\s;]+$/, '');
  const at = topLevelReturning(trimmed);
  if (at < 0) return `${trimmed} ${clause}`;
  return `${trimmed.slice(0, at)}${clause} ${trimmed.slice(at)}`;
}

function insertTarget(sql: string): { table: string; columns: string[] } | null {
  const match = /INSERT\s+(?:OR\s+\w+\s+)?INTO\s+("[^"]+"|\w+)\s*\(([^)]*)\)/i.exec(sql);
  if (!match) return null;
  return { table: unquote(match[1]!), columns: match[2]!.split(',').map((c) => unquote(c.trim())) };
}

function translateInsertOr(sql: string): string {
  if (/\bINSERT\s+OR\s+IGNORE\s+INTO\b/i.test(sql)) {
    return appendClause(sql.replace(/\bINSERT\s+OR\s+IGNORE\s+INTO\b/i, 'INSERT INTO'), 'ON CONFLICT DO NOTHING');
  }
  if (/\bINSERT\s+OR\s+REPLACE\s+INTO\b/i.test(sql)) {
    const target = insertTarget(sql);
    const keys = target ? REPLACE_KEYS[target.table] : undefined;
    if (!target || !keys) throw new Error(`INSERT OR REPLACE into a table without a known key on PostgreSQL: ${sql.slice(0, 80)}`);
    const set = target.columns.filter((c) => !keys.includes(c)).map((c) => `"${c}" = excluded."${c}"`);
    const action = set.length > 0 ? `DO UPDATE SET ${set.join(', ')}` : 'DO NOTHING';
    return appendClause(sql.replace(/\bINSERT\s+OR\s+REPLACE\s+INTO\b/i, 'INSERT INTO'), `ON CONFLICT (${keys.map((k) => `"${k}"`).join(', ')}) ${action}`);
  }
  return sql;
}

/** Qualifies the target table's columns on the right-hand side of `ON CONFLICT … DO UPDATE SET`. */
function qualifyUpsert(sql: string): string {
  const setAt = /\bDO\s+UPDATE\s+SET\b/i.exec(sql);
  if (!setAt) return sql;
  const target = insertTarget(sql);
  if (!target) return sql;
  const columns = new Set(target.columns);
  const head = sql.slice(0, setAt.index + setAt[0].length);
  let rest = sql.slice(head.length);
  let tail = '';
  const end = /\s(WHERE|RETURNING)\b/i.exec(rest);
  if (end) {
    tail = rest.slice(end.index);
    rest = rest.slice(0, end.index);
  }
  const assignments = splitTopLevel(rest).map((assignment) => {
    const eq = assignment.indexOf('=');
    if (eq < 0) return assignment;
    const rhs = assignment.slice(eq + 1).replace(/(^|[^\w".])("?)([A-Za-z_]\w*)\2(?![\w"(.])/g, (whole, pre: string, _q: string, name: string) =>
      columns.has(name) ? `${pre}"${target.table}"."${name}"` : whole,
    );
    return `${assignment.slice(0, eq + 1)}${rhs}`;
  });
  return `${head}${assignments.join(',')}${tail}`;
}

function translateCode(sql: string): string {
  let out = sql;
  out = out.replace(/\bINTEGER\s+PRIMARY\s+KEY\s+AUTOINCREMENT\b/gi, 'BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY');
  out = out.replace(/\bTEXT((?:\s+NOT\s+NULL)?)\s+COLLATE\s+NOCASE\b/gi, 'CITEXT$1');
  out = out.replace(/((?:"[^"]+"|\b[A-Za-z_]\w*)(?:\.(?:"[^"]+"|[A-Za-z_]\w*))?|\?|\$\d+)\s+COLLATE\s+NOCASE\b/gi, '($1::citext)');
  out = out.replace(/\bINTEGER\b/g, 'BIGINT').replace(/\bREAL\b/g, 'DOUBLE PRECISION').replace(/\bBOOLEAN\b/g, 'SMALLINT');
  out = out.replace(/\)\s*WITHOUT\s+ROWID\b/gi, ')');
  out = translateInsertOr(out);
  out = qualifyUpsert(out);
  out = out.replace(/(?<![\w"])(NOT\s+)?LIKE\b/gi, (_m, not: string | undefined) => `${not ?? ''}ILIKE`);
  out = out.replace(/\bgroup_concat\(([^(),]+)\)/gi, "string_agg(CAST($1 AS TEXT), ',')");
  out = out.replace(/(?<![\w"$:])([a-z][a-z0-9_]*[A-Z]\w*)(?![\w"(])/g, '"$1"');
  let n = 0;
  // `?NNN` (SQLite's numbered parameter, one value used several times) is PostgreSQL's `$NNN`.
  out = out.replace(/\?(\d*)/g, (_m, index: string) => (index ? `$${index}` : `$${++n}`));
  return out;
}

const cache = new Map<string, string>();
const CACHE_LIMIT = 2000;

/** NOCman's SQL text (SQLite flavour, `?` placeholders) as PostgreSQL runs it. Pure; memoised per text. */
export function toPostgres(sql: string): string {
  const hit = cache.get(sql);
  if (hit !== undefined) return hit;
  const strings: string[] = [];
  const masked = sql.replace(STRING, (s) => {
    strings.push(s);
    return `${MASK}${strings.length - 1}${MASK}`;
  });
  const translated = translateCode(masked).replace(new RegExp(`${MASK}(\\d+)${MASK}`, 'g'), (_m, i: string) => strings[Number(i)]!);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(sql, translated);
  return translated;
}

// ---- Explicit branches: what means something different on each engine ----

/** Days from the ISO date (YYYY-MM-DD) `from` to the ISO date `to` (SQLite's julianday difference). */
export function daysBetween(dialect: Dialect, to: string, from: string): string {
  if (dialect === 'sqlite') return `(julianday(${to}) - julianday(${from}))`;
  return `(CAST(${to} AS date) - CAST(${from} AS date))`;
}

/** The ISO date (YYYY-MM-DD) the day after the ISO date `date` (SQLite's date(x, '+1 day')). */
export function dayAfter(dialect: Dialect, date: string): string {
  if (dialect === 'sqlite') return `date(${date}, '+1 day')`;
  return `to_char(CAST(${date} AS date) + 1, 'YYYY-MM-DD')`;
}

/** The ISO date `months` months after the day after `date`, less one day: the end of the next period (anchor days ≤ 28). */
export function nextPeriodEnd(dialect: Dialect, date: string, months: string): string {
  if (dialect === 'sqlite') return `date(${date}, '+1 day', '+' || ${months} || ' months', '-1 day')`;
  return `to_char(CAST(${date} AS date) + 1 + make_interval(months => CAST(${months} AS integer)) - interval '1 day', 'YYYY-MM-DD')`;
}

/**
 * The insertion order of a table without an id column (SQLite's rowid). PostgreSQL's ctid is the row's place in the
 * heap: insertion order for rows never updated, which is what the allocation rows that use it are.
 */
export function insertionOrder(dialect: Dialect, alias: string): string {
  return dialect === 'sqlite' ? `${alias}.rowid` : `${alias}.ctid`;
}

/** The largest of the values (SQLite's scalar MAX(a, b), PostgreSQL's GREATEST). */
export function greatest(dialect: Dialect, ...values: string[]): string {
  return `${dialect === 'sqlite' ? 'MAX' : 'GREATEST'}(${values.join(', ')})`;
}

/** The key/value rows of a JSON object text (SQLite's json_each; PostgreSQL's json_each of the text cast to json). */
export function jsonEach(dialect: Dialect, text: string): string {
  return dialect === 'sqlite' ? `json_each(${text})` : `json_each(CAST(${text} AS json))`;
}

/** Epoch seconds (integer) of an ISO instant column (SQLite's strftime('%s', …)). */
export function epochSeconds(dialect: Dialect, instant: string): string {
  if (dialect === 'sqlite') return `CAST(strftime('%s', ${instant}) AS INTEGER)`;
  return `CAST(EXTRACT(EPOCH FROM CAST(${instant} AS timestamptz)) AS BIGINT)`;
}

/** A text field of a JSON text column, by a path of keys (`$.params.to` is ['params', 'to']). */
export function jsonText(dialect: Dialect, column: string, keys: string[]): string {
  if (dialect === 'sqlite') return `json_extract(${column}, '$.${keys.join('.')}')`;
  return `(CAST(${column} AS json) #>> '{${keys.join(',')}}')`;
}

/** A JSON object built in SQL from `args` ('key', value, …), as text on both engines (json_object on SQLite). */
export function jsonObject(dialect: Dialect, args: string): string {
  return dialect === 'sqlite' ? `json_object(${args})` : `CAST(json_build_object(${args}) AS TEXT)`;
}
