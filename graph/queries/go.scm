; Go. Definitions: the whole node is @definition.<kind>, its name @name.
(function_declaration name: (identifier) @name) @definition.function
(method_declaration name: (field_identifier) @name) @definition.method
(type_spec name: (type_identifier) @name type: (struct_type)) @definition.struct
(type_spec name: (type_identifier) @name type: (interface_type)) @definition.interface
(type_spec name: (type_identifier) @name type: [(array_type) (channel_type) (function_type) (generic_type) (map_type) (negated_type) (parenthesized_type) (pointer_type) (qualified_type) (slice_type) (type_identifier)]) @definition.type
(type_alias name: (type_identifier) @name) @definition.type

; Package-level constants and variables (locals inside functions are left out).
(source_file (const_declaration (const_spec name: (identifier) @name) @definition.constant))
(source_file (var_declaration (var_spec name: (identifier) @name) @definition.variable))
(source_file (var_declaration (var_spec_list (var_spec name: (identifier) @name) @definition.variable)))

; References: calls, selected fields and methods (`pkg.Func`, `x.Method`), and type names
; wherever a type is used (not where one is declared).
(call_expression function: (identifier) @reference)
(selector_expression field: (field_identifier) @reference)
(qualified_type name: (type_identifier) @reference)
(generic_type type: (type_identifier) @reference)
(type_spec type: (type_identifier) @reference)
(type_alias type: (type_identifier) @reference)
(array_type (type_identifier) @reference)
(channel_type (type_identifier) @reference)
(composite_literal (type_identifier) @reference)
(const_spec (type_identifier) @reference)
(field_declaration (type_identifier) @reference)
(func_literal (type_identifier) @reference)
(function_declaration (type_identifier) @reference)
(function_type (type_identifier) @reference)
(implicit_length_array_type (type_identifier) @reference)
(map_type (type_identifier) @reference)
(method_declaration (type_identifier) @reference)
(method_elem (type_identifier) @reference)
(negated_type (type_identifier) @reference)
(parameter_declaration (type_identifier) @reference)
(parenthesized_type (type_identifier) @reference)
(pointer_type (type_identifier) @reference)
(slice_type (type_identifier) @reference)
(type_assertion_expression (type_identifier) @reference)
(type_case (type_identifier) @reference)
(type_constraint (type_identifier) @reference)
(type_conversion_expression (type_identifier) @reference)
(type_elem (type_identifier) @reference)
(type_instantiation_expression (type_identifier) @reference)
(var_spec (type_identifier) @reference)
(variadic_parameter_declaration (type_identifier) @reference)

; Imports: whole declarations, single or grouped; the language module reads each spec.
(import_declaration) @import

; The package doc ("// Package x ...", wherever the licence header leaves it), else the
; file's first comment unless it is a licence, a build constraint or a generated-code mark.
; (Consecutive `//` lines are separate nodes, so only a doc's first line is taken; other comment
; runs below a licence are left out: a query cannot tell where one run ends.)
((source_file (comment) @doc) (#match? @doc "^(//|/\\*)\\s*Package "))
((source_file . (comment) @doc) (#not-match? @doc "(?i)copyright|licen[cs]e|^//\\s*(go:|\\+build)|Code generated"))
