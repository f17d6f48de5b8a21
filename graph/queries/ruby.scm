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
; defined. A constant used is an @import as well: the language module looks its file up by
; the autoloading naming rule (`Shop::TokenSigner` → `shop/token_signer.rb`).
(call method: [(identifier) (constant)] @reference)
(scope_resolution scope: [(constant) @reference (scope_resolution name: (constant) @reference)])
(superclass [(constant) @reference @import (scope_resolution name: (constant) @reference) @import])
(call receiver: [(constant) @reference @import (scope_resolution name: (constant) @reference) @import])
(argument_list [(constant) @reference @import (scope_resolution name: (constant) @reference) @import])
(exceptions [(constant) @reference @import (scope_resolution name: (constant) @reference) @import])
(element_reference object: [(constant) @reference @import (scope_resolution name: (constant) @reference) @import])
(binary [(constant) @reference @import (scope_resolution name: (constant) @reference) @import])
(pattern [(constant) @reference @import (scope_resolution name: (constant) @reference) @import])
(array [(constant) @reference @import (scope_resolution name: (constant) @reference) @import])
(pair value: [(constant) @reference @import (scope_resolution name: (constant) @reference) @import])
(block_argument [(constant) @reference @import (scope_resolution name: (constant) @reference) @import])
(unary [(constant) @reference @import (scope_resolution name: (constant) @reference) @import])
(assignment right: [(constant) @reference @import (scope_resolution name: (constant) @reference) @import])
(operator_assignment right: [(constant) @reference @import (scope_resolution name: (constant) @reference) @import])
(parenthesized_statements [(constant) @reference @import (scope_resolution name: (constant) @reference) @import])
(optional_parameter value: [(constant) @reference @import (scope_resolution name: (constant) @reference) @import])
(case value: [(constant) @reference @import (scope_resolution name: (constant) @reference) @import])
(conditional [(constant) @reference @import (scope_resolution name: (constant) @reference) @import])
(interpolation [(constant) @reference @import (scope_resolution name: (constant) @reference) @import])
(then [(constant) @reference @import (scope_resolution name: (constant) @reference) @import])
(else [(constant) @reference @import (scope_resolution name: (constant) @reference) @import])
(body_statement [(constant) @reference @import (scope_resolution name: (constant) @reference) @import])

; Imports: whole calls, told apart and read by the language module.
((call
   !receiver
   method: (identifier) @_loader
   arguments: (argument_list)) @import
 (#any-of? @_loader "require" "require_relative" "load" "autoload"))

; The leading comment block; the language module drops magic comments and licences.
(program . (comment)+ @doc)
