//! The JSON Schema of the article record, printed by `corpus schema`.

/// JSON Schema (draft 2020-12) of one `corpus.article/1` record.
pub const ARTICLE_SCHEMA: &str = include_str!("../schema/article.schema.json");
