; Rust. Definitions: the whole node is @definition.<kind>, its name @name. Functions inside
; `impl` and `trait` blocks become methods (parse.py).
(function_item name: (identifier) @name) @definition.function
(function_signature_item name: (identifier) @name) @definition.function
(struct_item name: (type_identifier) @name) @definition.struct
(union_item name: (type_identifier) @name) @definition.struct
(enum_item name: (type_identifier) @name) @definition.enum
(trait_item name: (type_identifier) @name) @definition.trait
(type_item name: (type_identifier) @name) @definition.type
(associated_type name: (type_identifier) @name) @definition.type
(const_item name: (identifier) @name) @definition.constant
(static_item name: (identifier) @name) @definition.constant
(macro_definition name: (identifier) @name) @definition.macro
; Inline modules only: `mod foo;` is an import of foo.rs.
(mod_item name: (identifier) @name body: (declaration_list)) @definition.module

; References: calls, fields and methods, path segments (`Type::new`, `module::func`), macros,
; and type names wherever a type is used (not where one is declared).
(call_expression function: (identifier) @reference)
(field_expression field: (field_identifier) @reference)
(scoped_identifier path: (identifier) @reference)
(scoped_identifier name: (identifier) @reference)
(macro_invocation macro: (identifier) @reference)
(type_item type: (type_identifier) @reference)
(type_binding type: (type_identifier) @reference)
(abstract_type (type_identifier) @reference)
(array_type (type_identifier) @reference)
(bounded_type (type_identifier) @reference)
(dynamic_type (type_identifier) @reference)
(function_type (type_identifier) @reference)
(generic_type (type_identifier) @reference)
(generic_type_with_turbofish (type_identifier) @reference)
(impl_item (type_identifier) @reference)
(field_declaration (type_identifier) @reference)
(ordered_field_declaration_list (type_identifier) @reference)
(parameter (type_identifier) @reference)
(parameters (type_identifier) @reference)
(pointer_type (type_identifier) @reference)
(qualified_type (type_identifier) @reference)
(reference_type (type_identifier) @reference)
(removed_trait_bound (type_identifier) @reference)
(scoped_type_identifier (type_identifier) @reference)
(struct_expression (type_identifier) @reference)
(struct_pattern (type_identifier) @reference)
(trait_bounds (type_identifier) @reference)
(tuple_type (type_identifier) @reference)
(type_arguments (type_identifier) @reference)
(where_predicate (type_identifier) @reference)
(let_declaration (type_identifier) @reference)
(const_item (type_identifier) @reference)
(static_item (type_identifier) @reference)
(function_item (type_identifier) @reference)
(function_signature_item (type_identifier) @reference)
(closure_expression (type_identifier) @reference)
(type_cast_expression (type_identifier) @reference)
(higher_ranked_trait_bound (type_identifier) @reference)

; Imports: `use` trees, `extern crate`, and `mod foo;` (a module declared without a body).
(use_declaration) @import
(extern_crate_declaration) @import
(mod_item !body) @import

; The crate or module doc (`//!` or `/*! */`, its text without the markers), else the first
; comment unless it is a licence.
(source_file (line_comment inner: (inner_doc_comment_marker) doc: (doc_comment) @doc))
(source_file (block_comment inner: (inner_doc_comment_marker) doc: (doc_comment) @doc))
((source_file . [(line_comment !inner) (block_comment !inner)] @doc) (#not-match? @doc "(?i)copyright|licen[cs]e"))
