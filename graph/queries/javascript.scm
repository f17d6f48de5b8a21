; JavaScript (.js .jsx .mjs .cjs). Definitions: the whole node is @definition.<kind>, its name @name.
(function_declaration name: (identifier) @name) @definition.function
(generator_function_declaration name: (identifier) @name) @definition.function
(class_declaration name: (identifier) @name) @definition.class
(method_definition name: (property_identifier) @name) @definition.method

; Top-level bindings, exported or not: function-valued ones are functions, the rest constants
; except `const x = require(...)`, an import. (Locals inside functions are left out, as in Python.)
(program (lexical_declaration (variable_declarator name: (identifier) @name value: [(arrow_function) (function_expression) (generator_function)]) @definition.function))
(program (variable_declaration (variable_declarator name: (identifier) @name value: [(arrow_function) (function_expression) (generator_function)]) @definition.function))
(program (export_statement declaration: (lexical_declaration (variable_declarator name: (identifier) @name value: [(arrow_function) (function_expression) (generator_function)]) @definition.function)))
(program (export_statement declaration: (variable_declaration (variable_declarator name: (identifier) @name value: [(arrow_function) (function_expression) (generator_function)]) @definition.function)))
((program (lexical_declaration (variable_declarator name: (identifier) @name value: [(array) (assignment_expression) (await_expression) (binary_expression) (call_expression) (class) (false) (identifier) (jsx_element) (jsx_self_closing_element) (member_expression) (new_expression) (null) (number) (object) (parenthesized_expression) (regex) (string) (subscript_expression) (template_string) (ternary_expression) (true) (unary_expression) (undefined)] @_value) @definition.constant)) (#not-match? @_value "^(await\\s+)?(require|import)\\s*\\("))
((program (variable_declaration (variable_declarator name: (identifier) @name value: [(array) (assignment_expression) (await_expression) (binary_expression) (call_expression) (class) (false) (identifier) (jsx_element) (jsx_self_closing_element) (member_expression) (new_expression) (null) (number) (object) (parenthesized_expression) (regex) (string) (subscript_expression) (template_string) (ternary_expression) (true) (unary_expression) (undefined)] @_value) @definition.constant)) (#not-match? @_value "^(await\\s+)?(require|import)\\s*\\("))
((program (export_statement declaration: (lexical_declaration (variable_declarator name: (identifier) @name value: [(array) (assignment_expression) (await_expression) (binary_expression) (call_expression) (class) (false) (identifier) (jsx_element) (jsx_self_closing_element) (member_expression) (new_expression) (null) (number) (object) (parenthesized_expression) (regex) (string) (subscript_expression) (template_string) (ternary_expression) (true) (unary_expression) (undefined)] @_value) @definition.constant))) (#not-match? @_value "^(await\\s+)?(require|import)\\s*\\("))
((program (export_statement declaration: (variable_declaration (variable_declarator name: (identifier) @name value: [(array) (assignment_expression) (await_expression) (binary_expression) (call_expression) (class) (false) (identifier) (jsx_element) (jsx_self_closing_element) (member_expression) (new_expression) (null) (number) (object) (parenthesized_expression) (regex) (string) (subscript_expression) (template_string) (ternary_expression) (true) (unary_expression) (undefined)] @_value) @definition.constant))) (#not-match? @_value "^(await\\s+)?(require|import)\\s*\\("))

; CommonJS: `exports.run = function () {}` and `module.exports.run = ...` define `run`.
((program (expression_statement (assignment_expression left: (member_expression object: (identifier) @_exports property: (property_identifier) @name) right: [(arrow_function) (function_expression)]) @definition.function)) (#eq? @_exports "exports"))
(program (expression_statement (assignment_expression left: (member_expression object: (member_expression object: (identifier) @_module property: (property_identifier) @_exports) property: (property_identifier) @name) right: [(arrow_function) (function_expression)]) @definition.function) (#eq? @_module "module") (#eq? @_exports "exports"))

; References: calls, member accesses (property and object), constructors, base classes,
; decorators and JSX components.
(call_expression function: (identifier) @reference)
(member_expression object: (identifier) @reference)
(member_expression property: (property_identifier) @reference)
(new_expression constructor: (identifier) @reference)
(class_heritage (identifier) @reference)
(decorator (identifier) @reference)
(jsx_opening_element name: (identifier) @reference)
(jsx_self_closing_element name: (identifier) @reference)

; Imports: whole statements (and require/import() calls), taken apart by the language module.
(import_statement) @import
(export_statement source: (string)) @import
((call_expression function: (identifier) @_require arguments: (arguments . (string) .)) @import (#eq? @_require "require"))
(call_expression function: (import) arguments: (arguments . (string))) @import

; The file's leading comment (after a `#!` line); a licence header gives way to the next one.
((program . (comment) @doc) (#not-match? @doc "(?i)copyright|licen[cs]e"))
((program . (hash_bang_line) . (comment) @doc) (#not-match? @doc "(?i)copyright|licen[cs]e"))
((program . (comment) @_licence . (comment) @doc) (#match? @_licence "(?i)copyright|licen[cs]e"))
