; Ruby. Definitions: the whole node is @definition.<kind>, its name @name.
(class name: [(constant) @name (scope_resolution name: (constant) @name)]) @definition.class
(module name: [(constant) @name (scope_resolution name: (constant) @name)]) @definition.module

; `def x` at the top level is a function; inside a class, module or block body a method.
(program (method name: (_) @name) @definition.function)
(body_statement (method name: (_) @name) @definition.method)
(block_body (method name: (_) @name) @definition.method)
(singleton_method name: (_) @name) @definition.method

; Constants assigned at the top level or in a class or module body (Ruby forbids them in
; methods, so any body_statement is one of those).
(program (assignment left: (constant) @name) @definition.constant)
(body_statement (assignment left: (constant) @name) @definition.constant)

; Methods made by a macro: accessors, Rails scopes, define_method. The name is the symbol.
((call
   method: (identifier) @_macro
   arguments: (argument_list (simple_symbol) @name)) @definition.method
 (#any-of? @_macro "attr_accessor" "attr_reader" "attr_writer" "scope" "define_method"))

; References: method calls, and constants where they are used, alone or at the end of a
; `A::B` path (the path's namespaces count too); not where a class, module or constant is
; defined.
(call method: [(identifier) (constant)] @reference)
(scope_resolution scope: [(constant) @reference (scope_resolution name: (constant) @reference)])
(superclass [(constant) @reference (scope_resolution name: (constant) @reference)])
(call receiver: [(constant) @reference (scope_resolution name: (constant) @reference)])
(argument_list [(constant) @reference (scope_resolution name: (constant) @reference)])
(exceptions [(constant) @reference (scope_resolution name: (constant) @reference)])
(element_reference object: [(constant) @reference (scope_resolution name: (constant) @reference)])
(binary [(constant) @reference (scope_resolution name: (constant) @reference)])
(pattern [(constant) @reference (scope_resolution name: (constant) @reference)])
(array [(constant) @reference (scope_resolution name: (constant) @reference)])
(pair value: [(constant) @reference (scope_resolution name: (constant) @reference)])
(block_argument [(constant) @reference (scope_resolution name: (constant) @reference)])
(unary [(constant) @reference (scope_resolution name: (constant) @reference)])
(assignment right: [(constant) @reference (scope_resolution name: (constant) @reference)])
(operator_assignment right: [(constant) @reference (scope_resolution name: (constant) @reference)])
(parenthesized_statements [(constant) @reference (scope_resolution name: (constant) @reference)])
(optional_parameter value: [(constant) @reference (scope_resolution name: (constant) @reference)])
(case value: [(constant) @reference (scope_resolution name: (constant) @reference)])
(conditional [(constant) @reference (scope_resolution name: (constant) @reference)])
(interpolation [(constant) @reference (scope_resolution name: (constant) @reference)])
(then [(constant) @reference (scope_resolution name: (constant) @reference)])
(else [(constant) @reference (scope_resolution name: (constant) @reference)])
(body_statement [(constant) @reference (scope_resolution name: (constant) @reference)])

; Imports: whole calls, told apart and read by the language module.
((call
   !receiver
   method: (identifier) @_loader
   arguments: (argument_list)) @import
 (#any-of? @_loader "require" "require_relative" "load" "autoload"))

; The leading comment block; the language module drops magic comments and licences.
(program . (comment)+ @doc)
