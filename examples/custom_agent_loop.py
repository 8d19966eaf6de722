"""A custom agent in a plain Gymnasium loop: one lookup per stage, then an answer."""

import json
import re

import ecomstage


def my_agent(obs: dict[str, str], info: dict) -> dict:
    tools = json.loads(obs["tools"])
    if tools and not obs["tool_result"]:  # first step of a stage: look something up
        account = dict(re.findall(r"(\w+)=([\w-]+)", obs["prompt"]))
        fn = tools[0]["function"]
        args = {k: account[k] for k in fn["parameters"].get("required", []) if k in account}
        return {"tool": fn["name"], "arguments": args}
    props = json.loads(obs["answer_schema"])["properties"]  # then answer every field
    return {k: p["enum"][0] if "enum" in p else "no idea" for k, p in props.items()}


env = ecomstage.make("merchant_promotion")
obs, info = env.reset(seed=0)
while True:
    obs, reward, terminated, truncated, info = env.step(my_agent(obs, info))
    if "stage_score" in info:
        print(f"{info['graded_stage']:>10}: {info['stage_score'].value:.2f}")
    if terminated or truncated:
        print("total:", round(info["episode_result"].total, 3))
        break
