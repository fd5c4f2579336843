// Message templates per event and language: the built-in texts (src/shared/i18n/server/templates.*), an admin's edits
// stored in message_template, and `{{placeholder}}` rendering. A template may only use its event's placeholders.
import { TEMPLATE_PLACEHOLDERS, type Language, type MessageEvent, type MessageTemplate } from '../../../shared/contract';
import { MESSAGE_EVENTS } from '../../../shared/contract/messaging';
import { AppError } from '../../../shared/errors';
import { templatesEn } from '../../../shared/i18n/server/templates.en';
import { templatesId } from '../../../shared/i18n/server/templates.id';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { AuditService } from '../audit/service';
import type { Actor } from '../actor';

export const BUILT_IN: Record<Language, Record<MessageEvent, { subject: string; text: string }>> = { id: templatesId, en: templatesEn };

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** The placeholders a text names, in order, once each. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** `{{name}}` replaced by its value; an unknown name is left as written (the editor refuses them before saving). */
export function renderTemplate(text: string, values: Record<string, string>): string {
  return compiled(text)(values);
}

/** A template's lines cut once into literal text and placeholders: rendering 20,000 invoices reuses the cut. */
type Compiled = (values: Record<string, string>) => string;
const COMPILED = new Map<string, Compiled>();

function compiled(text: string): Compiled {
  let render = COMPILED.get(text);
  if (render) return render;
  const lines = text.split('\n').map((line) => {
    // parts: literal, name, literal, name, …, literal (names at the odd places, with the whole `{{ name }}` kept).
    const parts: { literal: string; name?: string; whole?: string }[] = [];
    let last = 0;
    for (const m of line.matchAll(PLACEHOLDER)) {
      parts.push({ literal: line.slice(last, m.index), name: m[1]!, whole: m[0] });
      last = m.index + m[0].length;
    }
    const tail = line.slice(last);
    const onlyPlaceholders = parts.length > 0 && (parts.map((p) => p.literal).join('') + tail).trim() === '';
    return { parts, tail, onlyPlaceholders };
  });
  render = (values) => {
    const out: string[] = [];
    for (const line of lines) {
      let filled = '';
      for (const part of line.parts) filled += part.literal + (part.name! in values ? values[part.name!]! : part.whole!);
      filled += line.tail;
      // A line that is only placeholders with nothing in them (no payment instructions set) goes, not a blank line.
      if (line.onlyPlaceholders && filled.trim() === '') continue;
      out.push(filled);
    }
    return out.join('\n').replace(/^\n+|\n+$/g, '');
  };
  // Edited templates are few; a bound keeps texts typed in the preview from piling up.
  if (COMPILED.size >= 500) COMPILED.clear();
  COMPILED.set(text, render);
  return render;
}

export interface TemplateText {
  subject: string;
  text: string;
}

export class TemplatesService {
  /** Edited templates by `event:language`; read once, dropped on every edit. */
  private cache: Map<string, TemplateText> | null = null;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private async edited(): Promise<Map<string, TemplateText>> {
    if (this.cache) return this.cache;
    const rows = (await this.db.dataSource.query('SELECT event, language, subject, text FROM message_template')) as { event: string; language: string; subject: string; text: string }[];
    this.cache = new Map(rows.map((r) => [`${r.event}:${r.language}`, { subject: r.subject, text: r.text }]));
    return this.cache;
  }

  /** The template in force: the edited one, else the built-in one. */
  async get(event: MessageEvent, language: Language): Promise<TemplateText> {
    return (await this.edited()).get(`${event}:${language}`) ?? BUILT_IN[language][event];
  }

  async list(): Promise<MessageTemplate[]> {
    const edited = await this.edited();
    const all: MessageTemplate[] = [];
    for (const event of MESSAGE_EVENTS) {
      for (const language of ['id', 'en'] as const) {
        const own = edited.get(`${event}:${language}`);
        const text = own ?? BUILT_IN[language][event];
        all.push({ event, language, subject: text.subject, text: text.text, isDefault: !own, placeholders: [...TEMPLATE_PLACEHOLDERS[event]] });
      }
    }
    return all;
  }

  async one(event: MessageEvent, language: Language): Promise<MessageTemplate> {
    return (await this.list()).find((t) => t.event === event && t.language === language)!;
  }

  async update(actor: Actor, event: MessageEvent, language: Language, subject: string, text: string): Promise<MessageTemplate> {
    const allowed = TEMPLATE_PLACEHOLDERS[event];
    for (const [field, value] of [['subject', subject], ['text', text]] as const) {
      const unknown = placeholdersIn(value).filter((name) => !allowed.includes(name));
      if (unknown.length > 0) throw AppError.validation(field, `Unknown placeholder: ${unknown.map((n) => `{{${n}}}`).join(', ')}`);
    }
    const before = await this.get(event, language);
    await this.db.write(async (em) => {
      await em.query(
        `INSERT INTO message_template (event, language, subject, text, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (event, language) DO UPDATE SET subject = excluded.subject, text = excluded.text, updated_at = excluded.updated_at`,
        [event, language, subject, text, this.clock.now().toISOString()],
      );
      await this.audit.record(em, {
        actor, operation: 'templates.update', entity: 'message_template', entityId: null,
        changes: { [`${event}.${language}.subject`]: { from: before.subject, to: subject }, [`${event}.${language}.text`]: { from: before.text, to: text } },
      });
    });
    this.cache = null;
    return this.one(event, language);
  }

  async reset(actor: Actor, event: MessageEvent, language: Language): Promise<MessageTemplate> {
    await this.db.write(async (em) => {
      await em.query('DELETE FROM message_template WHERE event = ? AND language = ?', [event, language]);
      await this.audit.record(em, { actor, operation: 'templates.reset', entity: 'message_template', entityId: null, changes: { [`${event}.${language}`]: { from: 'edited', to: 'built-in' } } });
    });
    this.cache = null;
    return this.one(event, language);
  }
}
