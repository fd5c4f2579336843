// Dates and numbers as people read them: the one implementation lives in src/shared/i18n/format.ts so the
// renderer, PDFs, tray and notifications agree; re-exported here for the screens.
export {
  dateTimeFormat,
  numberFormat,
  formatBusinessDate,
  formatClock,
  formatDateTime,
  formatDuration,
  formatLongDateTime,
  formatNumber,
  formatPercent,
  formatPeriod,
  formatTime,
  localeOf,
  zoneName,
} from '../shared/i18n/format';
