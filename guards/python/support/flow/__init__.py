"""Function-level facts for guards that judge a whole identity flow.

Guards for authorization, invitations, offboarding, approvals and OAuth
callbacks look at one function at a time: what it is named, which values come
from the HTTP request, which values it compares or validates before use, and
how its exception handlers behave. These helpers answer those questions
cheaply from the libcst tree, without the slow scope providers.

One module per question, each importing only from those listed before it:
`words` (words of names, literals and calls; request input and routes: the vocabulary the flow analyses share.)
`decisions` (functions that make an access decision or offboard someone; the module index and call targets.)
`denials` (what denies, what succeeds, which checks come before a statement, and how handlers propagate.)
`endpoints` (request taint of a function, and which functions are endpoints (and mutating ones).)
`protection` (how an endpoint is protected (authentication, authorization) and who the acting caller is.)
`credential_kinds` (privilege ranks, literal string sets and the kinds of credential a module handles.)
`one_time` (one-time codes (invitations, magic links, resets): how they are accepted and checked.)
"""
