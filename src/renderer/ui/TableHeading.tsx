// A table header for a column that shows two things, one above the other (a plan and its service note beneath):
// the first named as usual, the second beneath it in small grey type, as the cells show them.
import { Text } from '@mantine/core';

export function TableHeading({ main, second }: { main: string; second: string }) {
  return (
    <>
      {main}
      <Text span display="block" size="xs" c="dimmed" fw={400} lh={1.2}>
        {second}
      </Text>
    </>
  );
}
