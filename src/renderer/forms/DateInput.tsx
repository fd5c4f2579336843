// A calendar date typed day first in both languages (04/12/2026), stored as `2026-12-04`. Our own field instead of
// the browser's date input, which shows the browser's order (mm/dd/yyyy) whatever language NOCman is in.
import { useTranslation } from 'react-i18next';
import { dateText, parseDateText } from './dateText';
import { TypedTextInput, type TypedTextProps } from './TypedTextInput';

export function DateInput(props: TypedTextProps) {
  const { t } = useTranslation();
  return <TypedTextInput placeholder={t('typedInput.datePlaceholder')} {...props} reading={{ show: dateText, read: parseDateText, invalidMessage: t('typedInput.dateInvalid') }} />;
}
