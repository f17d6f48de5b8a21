; Definitions: the whole node is @definition.<kind>, its name @name.
(function_definition name: (identifier) @name) @definition.function
(class_definition name: (identifier) @name) @definition.class
(module (expression_statement (assignment left: (identifier) @name) @definition.constant))

; References: calls, attribute uses, base classes, decorators, type annotations.
(call function: (identifier) @reference)
(call function: (attribute attribute: (identifier) @reference))
(attribute attribute: (identifier) @reference)
(class_definition superclasses: (argument_list (identifier) @reference))
(decorator (identifier) @reference)
(type (identifier) @reference)

; Imports: whole statements, taken apart by the language module.
(import_statement) @import
(import_from_statement) @import

; The module docstring.
(module . (expression_statement (string) @doc))
