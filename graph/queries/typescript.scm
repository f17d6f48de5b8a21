; TypeScript (.ts .mts .cts .d.ts). Definitions: the whole node is @definition.<kind>, its name @name.
(function_declaration name: (identifier) @name) @definition.function
(generator_function_declaration name: (identifier) @name) @definition.function
(function_signature name: (identifier) @name) @definition.function
(class_declaration name: (type_identifier) @name) @definition.class
(abstract_class_declaration name: (type_identifier) @name) @definition.class
(method_definition name: (property_identifier) @name) @definition.method
(abstract_method_signature name: (property_identifier) @name) @definition.method
(interface_declaration name: (type_identifier) @name) @definition.interface
(type_alias_declaration name: (type_identifier) @name) @definition.type
(enum_declaration name: (identifier) @name) @definition.enum
(internal_module name: (identifier) @name) @definition.module
(module name: (identifier) @name) @definition.module

; Top-level bindings, exported or not: function-valued ones are functions, the rest constants
; except `const x = require(...)`, an import. (Locals inside functions are left out, as in Python.)
(program (lexical_declaration (variable_declarator name: (identifier) @name value: [(arrow_function) (function_expression) (generator_function)]) @definition.function))
(program (variable_declaration (variable_declarator name: (identifier) @name value: [(arrow_function) (function_expression) (generator_function)]) @definition.function))
(program (export_statement declaration: (lexical_declaration (variable_declarator name: (identifier) @name value: [(arrow_function) (function_expression) (generator_function)]) @definition.function)))
(program (export_statement declaration: (variable_declaration (variable_declarator name: (identifier) @name value: [(arrow_function) (function_expression) (generator_function)]) @definition.function)))
((program (lexical_declaration (variable_declarator name: (identifier) @name value: [(array) (assignment_expression) (await_expression) (binary_expression) (call_expression) (class) (false) (identifier) (member_expression) (new_expression) (null) (number) (object) (parenthesized_expression) (regex) (string) (subscript_expression) (template_string) (ternary_expression) (true) (unary_expression) (undefined) (as_expression) (satisfies_expression) (non_null_expression) (instantiation_expression) (type_assertion)] @_value) @definition.constant)) (#not-match? @_value "^(await\\s+)?(require|import)\\s*\\("))
((program (variable_declaration (variable_declarator name: (identifier) @name value: [(array) (assignment_expression) (await_expression) (binary_expression) (call_expression) (class) (false) (identifier) (member_expression) (new_expression) (null) (number) (object) (parenthesized_expression) (regex) (string) (subscript_expression) (template_string) (ternary_expression) (true) (unary_expression) (undefined) (as_expression) (satisfies_expression) (non_null_expression) (instantiation_expression) (type_assertion)] @_value) @definition.constant)) (#not-match? @_value "^(await\\s+)?(require|import)\\s*\\("))
((program (export_statement declaration: (lexical_declaration (variable_declarator name: (identifier) @name value: [(array) (assignment_expression) (await_expression) (binary_expression) (call_expression) (class) (false) (identifier) (member_expression) (new_expression) (null) (number) (object) (parenthesized_expression) (regex) (string) (subscript_expression) (template_string) (ternary_expression) (true) (unary_expression) (undefined) (as_expression) (satisfies_expression) (non_null_expression) (instantiation_expression) (type_assertion)] @_value) @definition.constant))) (#not-match? @_value "^(await\\s+)?(require|import)\\s*\\("))
((program (export_statement declaration: (variable_declaration (variable_declarator name: (identifier) @name value: [(array) (assignment_expression) (await_expression) (binary_expression) (call_expression) (class) (false) (identifier) (member_expression) (new_expression) (null) (number) (object) (parenthesized_expression) (regex) (string) (subscript_expression) (template_string) (ternary_expression) (true) (unary_expression) (undefined) (as_expression) (satisfies_expression) (non_null_expression) (instantiation_expression) (type_assertion)] @_value) @definition.constant))) (#not-match? @_value "^(await\\s+)?(require|import)\\s*\\("))

; `declare const x: T` (declaration files) has no value.
(ambient_declaration (lexical_declaration (variable_declarator name: (identifier) @name) @definition.constant))
(ambient_declaration (variable_declaration (variable_declarator name: (identifier) @name) @definition.constant))

; References: calls, member accesses (property and object), constructors, base classes and
; implemented interfaces, decorators, `typeof X`, and type names wherever a type is used
; (not where one is declared: class, interface, alias and type-parameter names).
(call_expression function: (identifier) @reference)
(member_expression object: (identifier) @reference)
(member_expression property: (property_identifier) @reference)
(new_expression constructor: (identifier) @reference)
(extends_clause value: (identifier) @reference)
(decorator (identifier) @reference)
(type_query (identifier) @reference)
(type_annotation (type_identifier) @reference)
(type_arguments (type_identifier) @reference)
(generic_type name: (type_identifier) @reference)
(nested_type_identifier name: (type_identifier) @reference)
(implements_clause (type_identifier) @reference)
(extends_type_clause (type_identifier) @reference)
(union_type (type_identifier) @reference)
(intersection_type (type_identifier) @reference)
(array_type (type_identifier) @reference)
(tuple_type (type_identifier) @reference)
(lookup_type (type_identifier) @reference)
(index_type_query (type_identifier) @reference)
(constraint (type_identifier) @reference)
(default_type (type_identifier) @reference)
(conditional_type (type_identifier) @reference)
(function_type (type_identifier) @reference)
(constructor_type (type_identifier) @reference)
(type_predicate (type_identifier) @reference)
(as_expression (type_identifier) @reference)
(satisfies_expression (type_identifier) @reference)
(optional_type (type_identifier) @reference)
(rest_type (type_identifier) @reference)
(readonly_type (type_identifier) @reference)
(parenthesized_type (type_identifier) @reference)
(template_type (type_identifier) @reference)
(mapped_type_clause type: (type_identifier) @reference)
(type_alias_declaration value: (type_identifier) @reference)

; Imports: whole statements (and require/import() calls), taken apart by the language module.
(import_statement) @import
(export_statement source: (string)) @import
((call_expression function: (identifier) @_require arguments: (arguments . (string) .)) @import (#eq? @_require "require"))
(call_expression function: (import) arguments: (arguments . (string))) @import

; The file's leading comment (after a `#!` line); a licence header gives way to the next one.
((program . (comment) @doc) (#not-match? @doc "(?i)copyright|licen[cs]e"))
((program . (hash_bang_line) . (comment) @doc) (#not-match? @doc "(?i)copyright|licen[cs]e"))
((program . (comment) @_licence . (comment) @doc) (#match? @_licence "(?i)copyright|licen[cs]e"))
