//! Tables: rows, cells, pipes.

mod inconsistent_table_pipes;
mod table_column_mismatch;
mod table_without_blank_lines;

pub use inconsistent_table_pipes::InconsistentTablePipes;
pub use table_column_mismatch::TableColumnMismatch;
pub use table_without_blank_lines::TableWithoutBlankLines;
