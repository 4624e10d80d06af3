//! The `cluster` stage: groups a time-ordered stream of articles into
//! stories, online, in bounded memory ([`Clusterer`]). [`cluster_articles`]
//! runs it over a finite list, in date order.

mod features;
mod online;

pub use features::{ENTITY_BIT, Features, features, minutes, name_spans};
pub use online::{Assignment, ClusterConfig, Clusterer, Link, WindowEntry, story_id};

use crate::model::Article;

/// Orders articles for clustering: by publication time, undated articles
/// after the dated ones; input order among equals (a stable sort).
pub fn time_order(articles: &[Article]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by_key(|&i| (minutes(&articles[i]).is_none(), minutes(&articles[i])));
    order
}

/// Clusters a finite list of articles (in [`time_order`]): the story id of
/// each article, in input order.
pub fn cluster_articles(articles: &[Article], cfg: &ClusterConfig) -> Vec<String> {
    let feats: Vec<Features> = {
        use rayon::prelude::*;
        articles.par_iter().map(features).collect()
    };
    let mut c = Clusterer::new(*cfg);
    let mut out = vec![String::new(); articles.len()];
    for i in time_order(articles) {
        out[i] = c.assign(&articles[i].id, &feats[i]).story;
    }
    out
}

#[cfg(test)]
mod tests;
