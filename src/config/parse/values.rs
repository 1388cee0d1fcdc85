//! The value types the file's structs are made of that are not the file's own: a value with
//! its place, a table of any keys, a glob.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::ops::Range;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use toml::Spanned;

use crate::config::select::Selector;

/// A value and the bytes of the file it was written on.
#[derive(Clone, Debug)]
pub struct At<T> {
    pub value: T,
    pub span: Range<usize>,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for At<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<T>::deserialize(d)?;
        Ok(At {
            span: spanned.span(),
            value: spanned.into_inner(),
        })
    }
}

/// The schema of the value: where it was written is no part of it.
impl<T: JsonSchema> JsonSchema for At<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

/// Reads a `T` from a string or a number `P` and checks it inside the deserializer, so that
/// an error is placed at the value (an item of a list too).
pub struct Checked<P, T>(PhantomData<(P, T)>);

impl<P, T> Checked<P, T> {
    pub fn new() -> Self {
        Checked(PhantomData)
    }
}

impl<'de, T: TryFrom<String, Error: fmt::Display>> Visitor<'de> for Checked<String, T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<T, E> {
        T::try_from(s.to_owned()).map_err(E::custom)
    }
}

impl<'de, T: TryFrom<i64, Error: fmt::Display>> Visitor<'de> for Checked<i64, T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("i64")
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<T, E> {
        T::try_from(n).map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<T, E> {
        let n = i64::try_from(n).map_err(|_| E::custom("integer number overflowed"))?;
        self.visit_i64(n)
    }
}

impl<'de, T: TryFrom<f64, Error: fmt::Display>> Visitor<'de> for Checked<f64, T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("f64")
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<T, E> {
        T::try_from(n).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<T, E> {
        self.visit_f64(n as f64)
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<T, E> {
        self.visit_f64(n as f64)
    }
}

checked!(Selector, String);

/// A table whose keys are `K` (any name the user chooses, checked by `K`), as its entries.
pub struct Pairs<K, V>(pub Vec<(K, V)>);

impl<K, V> Default for Pairs<K, V> {
    fn default() -> Self {
        Pairs(Vec::new())
    }
}

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for Pairs<K, V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries<K, V>(PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for Entries<K, V> {
            type Value = Pairs<K, V>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a table")
            }

            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key()? {
                    out.push((key, map.next_value()?));
                }
                Ok(Pairs(out))
            }
        }
        d.deserialize_map(Entries(PhantomData))
    }
}

impl<K, V: JsonSchema> JsonSchema for Pairs<K, V> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        format!("Table_of_{}", V::schema_name()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({"type": "object", "additionalProperties": generator.subschema_for::<V>()})
    }
}

/// A glob (`exclude`, the keys of `[per-file-ignores]`).
#[derive(Clone, Debug)]
pub struct Glob(pub String);

checked!(Glob, String);

impl TryFrom<String> for Glob {
    type Error = String;
    fn try_from(s: String) -> Result<Glob, String> {
        match globset::Glob::new(&s) {
            Ok(_) => Ok(Glob(s)),
            Err(e) => Err(format!("invalid glob `{s}`: {}", e.kind())),
        }
    }
}

leaf_schema!(Glob, {"type": "string"});
