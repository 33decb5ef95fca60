"""Campaigns at the edge: TOML files read, structured and checked into the core model."""

from .loader import LoadedCampaign, load_campaign, parse_campaign

__all__ = ["LoadedCampaign", "load_campaign", "parse_campaign"]
