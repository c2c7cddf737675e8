"""pkdesk's core: plans, rules, what-ifs, formats and the reference tree. No Qt here."""
