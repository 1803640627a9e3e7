"""The one reader of English text: words by role, numbers, dates, names -> Facts (pure)."""
