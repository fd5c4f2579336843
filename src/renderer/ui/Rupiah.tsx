// An amount of money inline in running text: "Rp" and the digits never part across a line break.
import { formatRupiah } from '../../shared/money';

export function Rupiah({ value }: { value: number }) {
  return <span style={{ whiteSpace: 'nowrap' }}>{formatRupiah(value)}</span>;
}
