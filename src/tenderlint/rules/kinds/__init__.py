"""Rule kinds: each module checks one kind of rule against a RuleContext and yields Hits."""
