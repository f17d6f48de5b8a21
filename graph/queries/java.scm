; Java. Definitions: the whole node is @definition.<kind>, its name @name.
(class_declaration name: (identifier) @name) @definition.class
(record_declaration name: (identifier) @name) @definition.class
(interface_declaration name: (identifier) @name) @definition.interface
(annotation_type_declaration name: (identifier) @name) @definition.interface
(enum_declaration name: (identifier) @name) @definition.enum
(method_declaration name: (identifier) @name) @definition.method
; Constants: `static final` fields, and interface fields (implicitly both).
((field_declaration (modifiers) @_modifiers declarator: (variable_declarator name: (identifier) @name)) @definition.constant (#match? @_modifiers "\\bstatic\\b") (#match? @_modifiers "\\bfinal\\b"))
(constant_declaration declarator: (variable_declarator name: (identifier) @name)) @definition.constant

; References: method calls and their receivers (`Strings.join`), field accesses, annotations,
; and type names wherever a type is used (base classes and interfaces included; not type
; parameters, where a name is declared).
(method_invocation name: (identifier) @reference)
(method_invocation object: (identifier) @reference)
(field_access field: (identifier) @reference)
(field_access object: (identifier) @reference)
(method_reference . (identifier) @reference)
(marker_annotation name: (identifier) @reference)
(annotation name: (identifier) @reference)
(local_variable_declaration (type_identifier) @reference)
(object_creation_expression (type_identifier) @reference)
(generic_type (type_identifier) @reference)
(type_arguments (type_identifier) @reference)
(class_literal (type_identifier) @reference)
(formal_parameter (type_identifier) @reference)
(throws (type_identifier) @reference)
(method_declaration (type_identifier) @reference)
(field_declaration (type_identifier) @reference)
(scoped_type_identifier (type_identifier) @reference)
(cast_expression (type_identifier) @reference)
(instanceof_expression (type_identifier) @reference)
(array_type (type_identifier) @reference)
(catch_type (type_identifier) @reference)
(enhanced_for_statement (type_identifier) @reference)
(wildcard (type_identifier) @reference)
(array_creation_expression (type_identifier) @reference)
(type_list (type_identifier) @reference)
(superclass (type_identifier) @reference)
(type_bound (type_identifier) @reference)
(spread_parameter (type_identifier) @reference)
(constant_declaration (type_identifier) @reference)
(resource (type_identifier) @reference)
(annotation_type_element_declaration (type_identifier) @reference)
(type_pattern (type_identifier) @reference)
(method_reference (type_identifier) @reference)
(receiver_parameter (type_identifier) @reference)
(record_pattern_component (type_identifier) @reference)

; Imports: whole declarations (`import a.b.C;`, `import a.b.*;`, `import static a.b.C.m;`).
(import_declaration) @import

; The first comment unless it is a licence, else the Javadoc of the first top-level type.
((program . [(block_comment) (line_comment)] @doc) (#not-match? @doc "(?i)copyright|licen[cs]e"))
((program (block_comment) @doc . [(class_declaration) (interface_declaration) (enum_declaration) (record_declaration) (annotation_type_declaration)]) (#match? @doc "^/\\*\\*"))
