import { useId, useRef, useState } from 'react';
import type { Column, Table } from '@tanstack/react-table';
import type { CustomerRow } from '../../core/table/table';

const headerText = (column: Column<CustomerRow>) => (typeof column.columnDef.header === 'string' ? column.columnDef.header : column.id);

/** A "Columns" disclosure: one checkbox per table column; CRS always shows. */
export function ColumnChooser({ table }: { table: Table<CustomerRow> }) {
  const [isOpen, setOpen] = useState(false);
  const listId = useId();
  const button = useRef<HTMLButtonElement>(null);
  return (
    <div className="column-chooser">
      <button type="button" ref={button} className="button small" aria-expanded={isOpen} aria-controls={listId} onClick={() => setOpen(!isOpen)}>
        Columns
      </button>
      {isOpen ? (
        <div
          role="group"
          aria-label="Visible columns"
          id={listId}
          className="column-list"
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            setOpen(false);
            button.current?.focus();
          }}
        >
          {table.getAllLeafColumns().map((column) => (
            <label key={column.id}>
              <input type="checkbox" checked={column.getIsVisible()} disabled={!column.getCanHide()} onChange={column.getToggleVisibilityHandler()} />
              {headerText(column)}
            </label>
          ))}
        </div>
      ) : null}
    </div>
  );
}
