// English strings of the shared form pieces: date and time fields.
import type { uiId } from './id.ui';

export const uiEn: typeof uiId = {
  typedInput: {
    datePlaceholder: 'dd/mm/yyyy',
    dateInvalid: 'Write the date as dd/mm/yyyy, e.g. 04/12/2026',
    timePlaceholder: 'hh:mm',
    timeInvalid: 'Write a 24-hour time as hh:mm, e.g. 20:55',
  },
};
