-- DuckDB views over the curated tables (schema version 2.4.0).
-- Generated from schemas/ by schemas/dictionary.py on every published run; do not edit by hand.
-- Paths are relative to the curated folder: run `cd curated && duckdb -init views.sql`, or from
-- elsewhere SET file_search_path = '<the curated folder>' first. In snapshots/<run_id>/ the same
-- file reads that version.

CREATE OR REPLACE VIEW documents AS SELECT * FROM read_parquet('documents.parquet');
CREATE OR REPLACE VIEW paragraphs AS SELECT * FROM read_parquet('paragraphs.parquet');
CREATE OR REPLACE VIEW statements AS SELECT * FROM read_parquet('statements.parquet');
CREATE OR REPLACE VIEW speakers AS SELECT * FROM read_parquet('speakers.parquet');
CREATE OR REPLACE VIEW document_speakers AS SELECT * FROM read_parquet('document_speakers.parquet');
CREATE OR REPLACE VIEW removed_lines AS SELECT * FROM read_parquet('removed_lines.parquet');
CREATE OR REPLACE VIEW rejections AS SELECT * FROM read_parquet('rejections.parquet');
