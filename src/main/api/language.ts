// The language of what the server writes for one reader (PDFs, CSV exports): the one the request asks for (the UI
// sends the language it shows as `lang`), else the signed-in user's language, else the site's.
import type { Language, Settings } from '../../shared/contract';

export function readerLanguage(asked: Language | undefined, user: { language: Language | null } | null, settings: Settings): Language {
  return asked ?? user?.language ?? settings.language;
}
