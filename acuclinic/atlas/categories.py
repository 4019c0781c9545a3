"""The controlled vocabulary of classical point categories. Pure: no Django import."""

from __future__ import annotations

CATEGORIES: dict[str, str] = {
    "jing_well": "Jing-well point",
    "ying_spring": "Ying-spring point",
    "shu_stream": "Shu-stream point",
    "jing_river": "Jing-river point",
    "he_sea": "He-sea point",
    "yuan_source": "Yuan-source point",
    "luo_connecting": "Luo-connecting point",
    "xi_cleft": "Xi-cleft point",
    "back_shu": "Back-shu point",
    "front_mu": "Front-mu point",
    "influential": "Influential (hui-meeting) point",
    "confluent": "Confluent point of an extraordinary vessel",
    "lower_he_sea": "Lower he-sea point",
    "window_of_sky": "Window of the Sky point",
}
