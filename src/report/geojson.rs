//! `geojson`: the places of the whole run as a GeoJSON FeatureCollection,
//! one point per place with coordinates, with how many articles and
//! mentions name it. Kept per distinct place, so memory does not grow with
//! the number of articles.

use std::collections::HashMap;
use std::io::{self, Write};

use serde_json::json;

use super::{Sink, Summary};
use crate::model::Article;

struct Point {
    name: String,
    kind: String,
    country: Option<String>,
    lat: f64,
    lon: f64,
    articles: usize,
    mentions: usize,
}

pub struct GeoJsonSink<W: Write> {
    out: W,
    /// By place id, in order of first appearance.
    points: Vec<(String, Point)>,
    index: HashMap<String, usize>,
}

impl<W: Write> GeoJsonSink<W> {
    pub fn new(out: W) -> Self {
        GeoJsonSink {
            out,
            points: Vec::new(),
            index: HashMap::new(),
        }
    }
}

impl<W: Write> Sink for GeoJsonSink<W> {
    fn article(&mut self, a: &Article) -> io::Result<()> {
        for p in &a.places {
            let (Some(lat), Some(lon)) = (p.lat, p.lon) else {
                continue;
            };
            let i = *self.index.entry(p.id.to_string()).or_insert_with(|| {
                self.points.push((
                    p.id.to_string(),
                    Point {
                        name: p.name.to_string(),
                        kind: p.kind.to_string(),
                        country: p.country.as_deref().map(str::to_string),
                        lat,
                        lon,
                        articles: 0,
                        mentions: 0,
                    },
                ));
                self.points.len() - 1
            });
            let point = &mut self.points[i].1;
            point.articles += 1;
            point.mentions += p.mentions.len();
        }
        Ok(())
    }

    fn wants_summary(&self) -> bool {
        false
    }

    fn finish(&mut self, _: &Summary) -> io::Result<()> {
        let features: Vec<_> = self
            .points
            .iter()
            .map(|(id, p)| {
                json!({
                    "type": "Feature",
                    // GeoJSON puts longitude first.
                    "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                    "properties": {
                        "id": id, "name": p.name, "kind": p.kind, "country": p.country,
                        "articles": p.articles, "mentions": p.mentions,
                    },
                })
            })
            .collect();
        serde_json::to_writer(
            &mut self.out,
            &json!({"type": "FeatureCollection", "features": features}),
        )?;
        self.out.write_all(b"\n")?;
        self.out.flush()
    }
}
