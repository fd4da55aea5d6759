//! The API types as data: one static descriptor per object, enum and union,
//! with the wire (snake_case) and JS (camelCase) name, the type and the
//! documentation of every member. One reader ([`crate::core::read`]) checks
//! the caller's objects against them and writes the request JSON, one
//! decoder ([`crate::core::decode`]) turns answers into JS values, and one
//! generator ([`crate::core::typescript`]) writes the `.d.ts`, so each API
//! declares its types once and carries no code per field.
//!
//! Declarations use [`model!`], [`enumeration!`] and [`union!`].

/// A check applied to a string the caller gives; the error is a phrase
/// that follows the field name (`must be a UUID like ...`).
pub type Check = fn(&str) -> Result<(), String>;

/// The type of a member.
#[derive(Debug)]
pub enum Ty {
    /// A string. Requests apply the check; answers take any string.
    Str(Check),
    /// An IP address as text. An IPv4-mapped IPv6 address is sent as its
    /// IPv4 form; `v6` says whether other IPv6 addresses are accepted.
    Ip {
        /// Whether IPv6 addresses are sent as they are.
        v6: bool,
    },
    /// `true` or `false`.
    Bool,
    /// A whole number from `min` to `max`.
    Int {
        /// Smallest accepted value.
        min: i64,
        /// Largest accepted value.
        max: i64,
    },
    /// A finite number (answers only).
    Number,
    /// An RFC 3339 date-time, a `Date` in JS (answers only).
    Date,
    /// One of the values of an enumeration: requests accept only those,
    /// answers pass any string through.
    Enum(&'static Enum),
    /// A nested object.
    Obj(&'static Model),
    /// An array of items, at most `max` of them in a request.
    List {
        /// The type of each item.
        item: &'static Ty,
        /// Most items a request may carry.
        max: u32,
    },
    /// An object used as a map from strings to strings, each value checked.
    Map(Check),
    /// An object told apart by its `type` member.
    Union(&'static Union),
}

/// A member of an object.
#[derive(Debug)]
pub struct Field {
    /// The name on the wire (`phone_number`).
    pub wire: &'static str,
    /// The name in JS (`phoneNumber`).
    pub js: &'static str,
    /// Documentation lines (the doc comment).
    pub doc: &'static [&'static str],
    /// Its type.
    pub ty: Ty,
    /// Whether it must be present (in a request), or is always present (in
    /// an answer: decoding fails without it).
    pub required: bool,
}

/// An object type.
#[derive(Debug)]
pub struct Model {
    /// Its TypeScript name.
    pub name: &'static str,
    /// Documentation lines.
    pub doc: &'static [&'static str],
    /// Its members, in wire order.
    pub fields: &'static [Field],
    /// Pairs of members (JS names) that a request must not carry together.
    pub exclusive: &'static [(&'static str, &'static str)],
}

impl Model {
    /// The member with this wire name.
    pub fn field(&self, wire: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.wire == wire)
    }
}

/// A string enumeration.
#[derive(Debug)]
pub struct Enum {
    /// Its TypeScript name.
    pub name: &'static str,
    /// Documentation lines.
    pub doc: &'static [&'static str],
    /// The values with their documentation lines.
    pub values: &'static [(&'static str, &'static [&'static str])],
    /// Open enums (answers) are typed with `| (string & {})`: a value added
    /// by the API later comes through. Closed ones are request values.
    pub open: bool,
}

impl Enum {
    /// True when `s` is one of the values.
    pub fn contains(&self, s: &str) -> bool {
        self.values.iter().any(|(v, _)| *v == s)
    }

    /// The values, as sent on the wire.
    pub fn names(&self) -> impl Iterator<Item = &'static str> {
        self.values.iter().map(|(v, _)| *v)
    }
}

/// Objects told apart by a `type` member whose value selects the variant.
#[derive(Debug)]
pub struct Union {
    /// Its TypeScript name.
    pub name: &'static str,
    /// Documentation lines.
    pub doc: &'static [&'static str],
    /// `type` value and variant model (whose fields leave `type` out).
    pub variants: &'static [(&'static str, &'static Model)],
    /// For answers: how an object of a kind this SDK does not know, or that
    /// it cannot read, is kept (`type: "unknown"`). `None` for requests.
    pub unknown: Option<&'static Model>,
}

/// The JS type name of the member `type` of an unknown variant.
pub const UNKNOWN: &str = "unknown";

/// The documentation lines of a declaration: kept for the TypeScript
/// writer (native builds), left out of the wasm, where nothing reads them.
#[cfg(not(target_arch = "wasm32"))]
macro_rules! docs {
    ($($line:literal),*) => { &[$($line),*] };
}
#[cfg(target_arch = "wasm32")]
macro_rules! docs {
    ($($line:literal),*) => {
        &[]
    };
}

/// Declares a static [`Model`]:
///
/// ```ignore
/// model! {
///     /// What `check` needs.
///     pub static CHECK_REQUEST = "CreateCheckRequest" {
///         /// Your customer UUID.
///         "customer_uuid" "customerUuid": req Ty::Str(checks::uuid),
///     }
///     exclusive: [("channels", "preferredChannel")]
/// }
/// ```
macro_rules! model {
    (
        $(#[doc = $doc:literal])*
        $vis:vis static $id:ident = $name:literal {
            $(
                $(#[doc = $fdoc:literal])*
                $wire:literal $js:literal : $presence:ident $ty:expr
            ),* $(,)?
        }
        $(exclusive: [$(($a:literal, $b:literal)),* $(,)?])?
    ) => {
        $(#[doc = $doc])*
        $vis static $id: $crate::core::schema::Model = $crate::core::schema::Model {
            name: $name,
            doc: $crate::core::schema::docs!($($doc),*),
            fields: &[$(
                $crate::core::schema::Field {
                    wire: $wire,
                    js: $js,
                    doc: $crate::core::schema::docs!($($fdoc),*),
                    ty: $ty,
                    required: model!(@required $presence),
                }
            ),*],
            exclusive: &[$($(($a, $b)),*)?],
        };
    };
    (@required req) => { true };
    (@required opt) => { false };
}

/// Declares a static [`Enum`]: `open` for answers, `closed` for requests.
macro_rules! enumeration {
    (
        $(#[doc = $doc:literal])*
        $vis:vis static $id:ident = $kind:ident $name:literal {
            $( $(#[doc = $vdoc:literal])* $wire:literal ),* $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        $vis static $id: $crate::core::schema::Enum = $crate::core::schema::Enum {
            name: $name,
            doc: $crate::core::schema::docs!($($doc),*),
            values: &[$( ($wire, $crate::core::schema::docs!($($vdoc),*)) ),*],
            open: enumeration!(@open $kind),
        };
    };
    (@open open) => { true };
    (@open closed) => { false };
}

/// Declares a static [`Union`] of models told apart by `type`.
macro_rules! union {
    (
        $(#[doc = $doc:literal])*
        $vis:vis static $id:ident = $name:literal {
            $( $tag:literal => $model:expr ),* $(,)?
        }
        $(unknown: $unknown:expr)?
    ) => {
        $(#[doc = $doc])*
        $vis static $id: $crate::core::schema::Union = $crate::core::schema::Union {
            name: $name,
            doc: $crate::core::schema::docs!($($doc),*),
            variants: &[$( ($tag, $model) ),*],
            unknown: union!(@unknown $($unknown)?),
        };
    };
    (@unknown) => { None };
    (@unknown $u:expr) => { Some($u) };
}

pub(crate) use {docs, enumeration, model, union};
