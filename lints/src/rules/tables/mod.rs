//! Tables: rows, cells, pipes.

mod table_column_mismatch;

pub use table_column_mismatch::TableColumnMismatch;
