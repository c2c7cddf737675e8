"""The findings of the plan shown: verdict, per-principle summary, table, detail, acknowledgements."""
