// Bahasa Indonesia strings of the shared form pieces: date and time fields.
export const uiId = {
  typedInput: {
    datePlaceholder: 'hh/bb/tttt',
    dateInvalid: 'Tulis tanggal sebagai hh/bb/tttt, mis. 04/12/2026',
    timePlaceholder: 'jj.mm',
    timeInvalid: 'Tulis jam 24 jam sebagai jj.mm, mis. 20.55',
  },
};
