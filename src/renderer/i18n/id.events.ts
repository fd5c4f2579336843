// Bahasa Indonesia strings of the network-wide event log.
export const eventsId = {
  eventLog: {
    nav: 'Log peristiwa',
    title: 'Log peristiwa jaringan',
    at: 'Waktu',
    device: 'Perangkat',
    event: 'Peristiwa',
    message: 'Keterangan',
    latency: 'Latensi',
    allDevices: 'Semua perangkat',
    allEvents: 'Semua peristiwa',
    allStatuses: 'Semua status',
    empty: 'Tidak ada peristiwa yang cocok dengan filter ini.',
    from: 'Dari',
    to: 'Sampai',
    toBeforeFrom: 'Tanggal akhir sebelum tanggal awal',
    kind: { status: 'Perubahan status', check: 'Cek manual', snmp: 'SNMP', poller: 'Poller' },
  },
};
