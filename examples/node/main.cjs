// Node, CommonJS: require() of the ES module package (Node >= 20.19).
const api = require('@weight-decay/api')
const url = require('@weight-decay/api/url')

import('./experiment.js')
  .then(({ experiment }) => experiment(api))
  .then(async (result) => {
    const fromFile = (await url.createEngine()).train({ lambda: 3 })
    console.log(JSON.stringify({ ...result, urlEntry: fromFile.wNorm }))
  })
