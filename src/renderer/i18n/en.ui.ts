// English strings of the shared pieces: the connection banner, date and time fields.
import type { uiId } from './id.ui';

export const uiEn: typeof uiId = {
  connection: {
    offlineSince: 'Not connected to the NOCman server since {{since}}.',
    lastData: 'The data shown was last updated {{at}}.',
    noData: 'No data has come from the server yet.',
    retryIn: 'Retrying in {{seconds}} s.',
    reconnecting: 'Reconnecting…',
    retryNow: 'Try now',
  },
  typedInput: {
    datePlaceholder: 'dd/mm/yyyy',
    dateInvalid: 'Write the date as dd/mm/yyyy, e.g. 04/12/2026',
    timePlaceholder: 'hh:mm',
    timeInvalid: 'Write a 24-hour time as hh:mm, e.g. 20:55',
  },
};
