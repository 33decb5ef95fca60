"""Pure rules: campaign model, state, orders, events, adjudicator, views and bots."""
