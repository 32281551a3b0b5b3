// Plain-text tables for the terminal: right-aligned columns, a rule under the header. Rows
// can be printed one at a time as they are measured (fixed column widths).

import { formatNumber } from '../format.js';

export type Cell = string | number | null;

function cellText(cell: Cell): string {
  return typeof cell === 'number' || cell === null ? formatNumber(cell) : cell;
}

export class Table {
  readonly widths: number[];

  constructor(readonly header: readonly string[], minimumWidth = 9) {
    this.widths = header.map((title) => Math.max(title.length, minimumWidth));
  }

  #line(cells: readonly string[]): string {
    return cells.map((cell, column) => cell.padStart(this.widths[column]!)).join('  ');
  }

  head(): string {
    return `${this.#line(this.header)}\n${this.widths.map((width) => '-'.repeat(width)).join('  ')}\n`;
  }

  row(cells: readonly Cell[]): string {
    return `${this.#line(cells.map(cellText))}\n`;
  }

  /** The whole table, columns widened to fit every cell. */
  static format(header: readonly string[], rows: readonly Cell[][]): string {
    const table = new Table(header, 0);
    for (const row of rows) row.forEach((cell, column) => { table.widths[column] = Math.max(table.widths[column]!, cellText(cell).length); });
    return table.head() + rows.map((row) => table.row(row)).join('');
  }
}
