/**
 * The Phaser the table loads: phaser-core (game, scenes, cameras, Graphics, Text, tweens,
 * time, input, scale) plus the two objects the table draws with that core lacks, Container
 * and Rectangle. No sound, no physics, no loader file types the table never asks for.
 * client/vite.config.ts aliases `phaser` to this file in production builds only; types still
 * come from the `phaser` package, so a factory left out here shows up as
 * "this.add.xyz is not a function" in the e2e tests, not in tsc.
 * See shared docs phaser.md §1.6.
 */
var Phaser = require("../../../node_modules/phaser/src/phaser-core.js");
var GO = Phaser.GameObjects;
GO.Container = require("../../../node_modules/phaser/src/gameobjects/container/Container");
GO.Factories.Container = require("../../../node_modules/phaser/src/gameobjects/container/ContainerFactory");
GO.Shape = require("../../../node_modules/phaser/src/gameobjects/shape/Shape");
GO.Rectangle = require("../../../node_modules/phaser/src/gameobjects/shape/rectangle/Rectangle");
GO.Factories.Rectangle = require("../../../node_modules/phaser/src/gameobjects/shape/rectangle/RectangleFactory");
module.exports = Phaser;
