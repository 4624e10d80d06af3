//! The OpenAPI 3.1 document of `/api/v1`, generated from the handlers'
//! types: utoipa derives the paths and the API's own types; the digest and
//! the article come from the model's schemars schemas (the same that make
//! `docs/digest.schema.json`), placed under `components/schemas`.

use std::borrow::Cow;
use std::sync::OnceLock;
use utoipa::OpenApi;
use utoipa::openapi::{RefOr, schema::Schema};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "storyline",
        description = "Story digests from raw news articles: stories, digests with citations, articles, search, ingest."
    ),
    paths(
        crate::api::list_stories,
        crate::api::story_digest,
        crate::api::article,
        crate::api::search,
        crate::api::post_articles,
        crate::api::healthz,
    )
)]
struct ApiDoc;

/// Stands for the digest (`storyline_core::model::Digest`) in the paths;
/// its schema is the model's own.
pub struct DigestSchema;
/// Stands for the cleaned article (`storyline_core::model::Article`).
pub struct ArticleSchema;

macro_rules! model_ref {
    ($t:ty, $name:literal) => {
        impl utoipa::PartialSchema for $t {
            fn schema() -> RefOr<Schema> {
                RefOr::Ref(utoipa::openapi::Ref::from_schema_name($name))
            }
        }
        impl utoipa::ToSchema for $t {
            fn name() -> Cow<'static, str> {
                Cow::Borrowed($name)
            }
        }
    };
}
model_ref!(DigestSchema, "Digest");
model_ref!(ArticleSchema, "Article");

/// The document, as JSON text (built once).
pub fn openapi_json() -> &'static str {
    static DOC: OnceLock<String> = OnceLock::new();
    DOC.get_or_init(|| {
        let doc = ApiDoc::openapi();
        let mut value = serde_json::to_value(&doc).unwrap_or_default();
        let mut generator = schemars::generate::SchemaSettings::draft2020_12()
            .with(|s| s.definitions_path = "/components/schemas".into())
            .into_generator();
        let digest = generator.root_schema_for::<storyline_core::model::Digest>();
        let article = generator.root_schema_for::<storyline_core::model::Article>();
        let defs = generator.take_definitions(true);
        if let Some(schemas) = value
            .pointer_mut("/components/schemas")
            .and_then(|s| s.as_object_mut())
        {
            for (name, schema) in defs {
                schemas.insert(name, schema);
            }
            for (name, root) in [("Digest", digest), ("Article", article)] {
                let mut root = root.to_value();
                if let Some(o) = root.as_object_mut() {
                    o.remove("$schema");
                    o.remove("$defs");
                }
                schemas.insert(name.to_string(), root);
            }
        }
        serde_json::to_string_pretty(&value).unwrap_or_default()
    })
}
